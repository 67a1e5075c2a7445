import "server-only";
import { cookies, headers } from "next/headers";

/**
 * Where a mode's reader finds credentials: the request's headers and cookies. Pages and actions
 * get it from next/headers; route handlers (and tests) build it from the Request, so the same
 * readers serve both without a request scope.
 */
export type CredentialSource = {
  headers: Headers;
  cookie(name: string): string | undefined;
};

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (jar.has(name)) continue; // the first of duplicate names wins, as browsers send most specific first
    let value = part.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Undecodable values are kept raw; the mode's own validation rejects them.
    }
    jar.set(name, value);
  }
  return jar;
}

export function sourceFromRequest(request: Request): CredentialSource {
  const jar = parseCookieHeader(request.headers.get("cookie"));
  return { headers: request.headers, cookie: (name) => jar.get(name) };
}

export async function sourceFromNext(): Promise<CredentialSource> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return { headers: headerList, cookie: (name) => cookieStore.get(name)?.value };
}
