import "server-only";
import { cookies, headers } from "next/headers";
import type { CredentialSource } from "@/lib/core/identity";
import { parseCookieHeader } from "./cookies";

// Where the mode readers find credentials. Here, below lib/identity and every mode, so a mode can
// check a credential on the current request itself (OAuth's link callback) without importing
// the identity function that imports it.

/**
 * For route handlers and tests: read straight from the Request. `apiKeyScope` only for the API
 * routes that accept API keys (lib/identity's getApiIdentity).
 */
export function sourceFromRequest(
  request: Request,
  options: { apiKeyScope?: string } = {},
): CredentialSource {
  const jar = parseCookieHeader(request.headers.get("cookie"));
  return { headers: request.headers, cookie: (name) => jar.get(name), apiKeyScope: options.apiKeyScope };
}

/** For pages, layouts and server actions: the request scope's headers and cookies. */
export async function sourceFromNext(): Promise<CredentialSource> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return { headers: headerList, cookie: (name) => cookieStore.get(name)?.value };
}
