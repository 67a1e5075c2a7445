import "server-only";
import { cookies } from "next/headers";
import type { CookieInstruction } from "./service";
import { sessionCookieName } from "./cookie";

/** For server actions: the session cookie this browser sent. */
export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** For server actions: sets (or clears) the session cookie on the response. */
export async function writeSessionCookie(cookie: CookieInstruction): Promise<void> {
  (await cookies()).set(cookie.name, cookie.value, cookie.attributes);
}
