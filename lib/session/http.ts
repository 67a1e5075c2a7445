import "server-only";
import { readCookie } from "@/lib/http/cookies";
import { sessionCookieName } from "./cookie";

/** The session cookie as a route handler received it. */
export function sessionCookieOf(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), sessionCookieName());
}
