import "server-only";
import type { NextResponse } from "next/server";
import { type Cookie, readCookie, setCookies } from "@/lib/http/cookies";
import { sessionCookieName } from "./cookie";

/** The session cookie as a route handler received it. */
export function sessionCookieOf(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), sessionCookieName());
}

export function withCookie(response: NextResponse, cookie: Cookie): NextResponse {
  setCookies(response.cookies, cookie);
  return response;
}
