import "server-only";
import { type NextResponse } from "next/server";
import { readCookie } from "@/lib/http/cookies";
import type { CookieInstruction } from "./service";
import { sessionCookieName } from "./cookie";

/** The session cookie as a route handler received it. */
export function sessionCookieOf(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), sessionCookieName());
}

export function withCookie(response: NextResponse, cookie: CookieInstruction): NextResponse {
  response.cookies.set(cookie.name, cookie.value, cookie.attributes);
  return response;
}
