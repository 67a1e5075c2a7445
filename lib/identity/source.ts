import "server-only";
import { cookies, headers } from "next/headers";
import { parseCookieHeader } from "@/lib/http/cookies";

/**
 * Where a mode's reader finds credentials: the request's headers and cookies. Pages and actions
 * get it from next/headers; route handlers (and tests) build it from the Request, so the same
 * readers serve both without a request scope.
 */
export type CredentialSource = {
  headers: Headers;
  cookie(name: string): string | undefined;
};

export function sourceFromRequest(request: Request): CredentialSource {
  const jar = parseCookieHeader(request.headers.get("cookie"));
  return { headers: request.headers, cookie: (name) => jar.get(name) };
}

export async function sourceFromNext(): Promise<CredentialSource> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return { headers: headerList, cookie: (name) => cookieStore.get(name)?.value };
}
