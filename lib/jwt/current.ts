import "server-only";
import { cookies } from "next/headers";
import { setCookies } from "@/lib/http/cookies";
import { accessCookie, clearedJwtCookies, jwtCookieNames, refreshCookie } from "./cookies";
import type { TokenPair } from "./token-pair";

/** For server actions: the access cookie this browser sent (the refresh cookie never comes here). */
export async function readAccessCookie(): Promise<string | undefined> {
  return (await cookies()).get(jwtCookieNames().access)?.value;
}

/** For server actions: both JWT cookies on the response. */
export async function writeTokenCookies(pair: TokenPair): Promise<void> {
  setCookies(
    await cookies(),
    accessCookie(pair.access.token, pair.refresh.expiresAt),
    refreshCookie(pair.refresh.token, pair.refresh.expiresAt),
  );
}

/** For server actions: deletes both JWT cookies (their own names and paths; nothing else). */
export async function clearTokenCookieJar(): Promise<void> {
  setCookies(await cookies(), ...clearedJwtCookies());
}
