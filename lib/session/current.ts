import "server-only";
import { cookies } from "next/headers";
import { type Cookie, setCookies } from "@/lib/http/cookies";
import { sessionCookieName } from "./cookie";

/** For server actions: the session cookie this browser sent. */
export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** For server actions: sets (or clears) the session cookie on the response. */
export async function writeSessionCookie(cookie: Cookie): Promise<void> {
  setCookies(await cookies(), cookie);
}
