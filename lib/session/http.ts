import "server-only";
import { NextResponse } from "next/server";
import { jsonError } from "@/lib/http/json";
import type { CookieInstruction } from "./service";
import { sessionCookieName } from "./cookie";

/** The session cookie as a route handler received it. */
export function sessionCookieOf(request: Request): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === sessionCookieName()) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function withCookie(response: NextResponse, cookie: CookieInstruction): NextResponse {
  response.cookies.set(cookie.name, cookie.value, cookie.attributes);
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
