import "server-only";
import { type Cookie, defineCookie, readCookie } from "@/lib/http/cookies";
import { ROTATION_GRACE_MS } from "./config";

// JWT mode's browser cookies, defined once. The access token cookie goes to every path (pages
// and APIs read identity from it); the refresh token cookie only ever travels to the refresh
// endpoint (RFC 9700 §4.14: narrow exposure) and never on a cross-site request (SameSite=Strict).
// Over https the access cookie is `__Host-` (only this origin can set it) and the path-scoped
// refresh cookie `__Secure-`, since `__Host-` requires Path=/ (lib/http/cookies.ts).

/** The only path the browser sends the refresh cookie to. */
export const REFRESH_COOKIE_PATH = "/api/jwt/refresh";

const access = defineCookie("authlab-jwt", { path: "/", sameSite: "lax" });
const refresh = defineCookie("authlab-jwt-refresh", { path: REFRESH_COOKIE_PATH, sameSite: "strict" });
const superseded = defineCookie("authlab-jwt-superseded", { path: "/", sameSite: "lax" });

export function jwtCookieNames(): { access: string; refresh: string } {
  return { access: access.name(), refresh: refresh.name() };
}

function secondsUntil(date: Date): number {
  return (date.getTime() - Date.now()) / 1000;
}

/**
 * The access token cookie lives as long as the refresh token, not the access token: once the
 * token inside has expired, its presence tells proxy.ts a refresh is worth trying, and sign-out
 * can still read which family to revoke from it. The server never accepts the expired token.
 */
export function accessCookie(token: string, refreshExpiresAt: Date): Cookie {
  return access.withValue(token, secondsUntil(refreshExpiresAt));
}

export function refreshCookie(token: string, expiresAt: Date): Cookie {
  return refresh.withValue(token, secondsUntil(expiresAt));
}

/**
 * How many times in a row a page load may be bounced through the refresh endpoint and come back
 * "superseded" (another tab's request rotated the cookie; its new cookies have not reached this
 * tab yet). After that proxy lets the page render as it is rather than bounce again.
 */
export const MAX_SUPERSEDED_BOUNCES = 3;

/** The superseded-bounce count a request carries (0 without the cookie or with junk in it). */
export function readSupersededBounces(cookieHeader: string | null): number {
  const value = Number(readCookie(cookieHeader, superseded.name()) ?? 0);
  return Number.isInteger(value) && value > 0 ? Math.min(value, MAX_SUPERSEDED_BOUNCES) : 0;
}

/**
 * Set by a superseded navigation refresh: counts bounces so proxy.ts can stop (no redirect loop
 * even if the winning request's cookies never arrive). It lives only as long as the grace
 * window: after that the same refresh cookie is reuse and the refresh endpoint clears everything.
 */
export function supersededCookie(bounces: number): Cookie {
  return superseded.withValue(String(bounces), Math.ceil(ROTATION_GRACE_MS / 1000));
}

/** Deletions for both token cookies (same names and paths). Other modes' cookies are untouched. */
export function clearedJwtCookies(): Cookie[] {
  return [access.cleared(), refresh.cleared()];
}
