import "server-only";
import { cookies, headers } from "next/headers";
import type { CredentialSource } from "@/lib/core/identity";
import { parseCookieHeader } from "@/lib/http/cookies";

export function sourceFromRequest(request: Request): CredentialSource {
  const jar = parseCookieHeader(request.headers.get("cookie"));
  return { headers: request.headers, cookie: (name) => jar.get(name) };
}

export async function sourceFromNext(): Promise<CredentialSource> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return { headers: headerList, cookie: (name) => cookieStore.get(name)?.value };
}
