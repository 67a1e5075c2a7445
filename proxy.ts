import { type NextRequest, NextResponse } from "next/server";
import { redirectToRefresh } from "@/lib/jwt/proxy";
import { setCookies } from "@/lib/http/cookies";
import { sessionCookieName, sessionCookieUpdate } from "@/lib/session/cookie";

/**
 * Cheap, optimistic work only: nothing here decides who may see what (every page, action and
 * route handler calls lib/identity for that). Runs on Node in Next 16.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  // JWT mode: a page load with an expired access cookie goes through the refresh endpoint (the
  // only path the refresh cookie is sent to) and comes straight back with fresh cookies.
  const jwtRefresh = redirectToRefresh(request);
  if (jwtRefresh) return jwtRefresh;

  const response = NextResponse.next();

  // A session cookie that does not even unseal (tampered, truncated, foreign) is dropped here, so
  // the browser stops sending it; one sealed with an older SESSION_SECRET is sealed again with the
  // newest. Validity against the database is checked where identity is read.
  const sessionCookie = await sessionCookieUpdate(
    request.cookies.get(sessionCookieName())?.value,
    request.method,
  );
  // Same attributes as when set: a __Host- cookie is only replaced by a Secure, Path=/ one.
  if (sessionCookie) setCookies(response.cookies, sessionCookie);
  return response;
}

export const config = {
  // Pages and APIs; not static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.svg|robots.txt).*)"],
};
