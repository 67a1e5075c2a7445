import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { assertServingEnvironment } from "@/lib/startup-check";
import { redirectToRefresh } from "@/lib/jwt/proxy";
import { authorizationOrigins } from "@/lib/oauth/providers";
import { applySecurityHeaders, contentSecurityPolicy, newNonce } from "@/lib/security/headers";
import { setCookies } from "@/lib/http/cookies";
import {
  clearedSessionCookie,
  isSealShaped,
  sessionCookieName,
  sessionCookieUpdate,
} from "@/lib/session/cookie";

/**
 * Cheap, optimistic work only: nothing here decides who may see what (every page, action and
 * route handler calls lib/identity for that). Runs on Node in Next 16.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const started = performance.now();
  // Next skips instrumentation's register() while NEXT_PHASE says "building"; a request being
  // served proves it is not, so the production checks run here at the latest.
  assertServingEnvironment();
  // A CSP with a fresh nonce on every response. Next reads the nonce from the request's CSP
  // header and puts it on its own scripts, so every page renders dynamically (they all do).
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    development: env.NODE_ENV === "development",
    formActionOrigins: authorizationOrigins(),
  });
  // JWT mode: a page load with an expired access cookie goes through the refresh endpoint (the
  // only path the refresh cookie is sent to) and comes straight back with fresh cookies.
  const jwtRefresh = redirectToRefresh(request);
  if (jwtRefresh) {
    applySecurityHeaders(jwtRefresh.headers, csp, env.APP_URL);
    return jwtRefresh;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, csp, env.APP_URL);
  // Every API answer depends on the credential it came with; this also covers the answers no
  // handler writes (Next's 405 for a method a route does not export). ASVS 5.0 14.3.2.
  if (request.nextUrl.pathname.startsWith("/api/")) response.headers.set("Cache-Control", "no-store");

  // A session cookie that does not even unseal (tampered, truncated, foreign) is dropped here, so
  // the browser stops sending it; one sealed with an older SESSION_SECRET is sealed again with the
  // newest. Validity against the database is checked where identity is read.
  // Page loads pay for the unseal; API requests get only the shape check, since their handler
  // unseals the cookie anyway and one unseal per request is the check's whole crypto cost
  // (docs/benchmarks.md): a well-formed forgery there is refused (401) and dropped at the next
  // page load, and an old-secret seal is re-sealed there too.
  const page = !request.nextUrl.pathname.startsWith("/api/");
  const value = request.cookies.get(sessionCookieName())?.value;
  const sessionCookie = page
    ? await sessionCookieUpdate(value, request.method)
    : value !== undefined && !isSealShaped(value)
      ? clearedSessionCookie()
      : null;
  // Same attributes as when set: a __Host- cookie is only replaced by a Secure, Path=/ one.
  if (sessionCookie) setCookies(response.cookies, sessionCookie);
  // Pages: a page's own identity check runs while it renders, after its headers are decided
  // (a server component cannot set a response header), so its Server-Timing could only be a
  // guess. This reports what proxy itself measured, and nothing more (docs/benchmarks.md).
  // Route handlers send their own, measured Server-Timing (lib/http/route.ts).
  if (page) {
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    response.headers.set("Server-Timing", `proxy;dur=${ms};desc="cookie pre-check"`);
  }
  return response;
}

export const config = {
  // Pages and APIs; not static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.svg|robots.txt).*)"],
};
