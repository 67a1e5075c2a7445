import "server-only";
import { NextResponse } from "next/server";
import { type Cookie, readCookie, setCookies } from "@/lib/http/cookies";
import { jsonError } from "@/lib/http/json";
import { sessionCookieName } from "./cookie";

/** The session cookie as a route handler received it. */
export function sessionCookieOf(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), sessionCookieName());
}

export function withCookie(response: NextResponse, cookie: Cookie): NextResponse {
  setCookies(response.cookies, cookie);
  return response;
}

export function signedOutResponse(): NextResponse {
  const response = NextResponse.json(
    { error: { code: "unauthenticated", message: "Sign in with session mode first." } },
    { status: 401, headers: { "Cache-Control": "no-store" } },
  );
  return response;
}

export function rateLimitedResponse(retryAfterSeconds: number): Response {
  return jsonError(429, "rate_limited", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    "Retry-After": String(retryAfterSeconds),
  });
}
