import "server-only";
import { env } from "@/lib/env";
import { readCookie } from "@/lib/http/cookies";
import { ROTATION_GRACE_MS } from "./config";

// JWT mode's browser cookies, defined once. The access token cookie goes to every path (pages
// and APIs read identity from it); the refresh token cookie only ever travels to the refresh
// endpoint (RFC 9700 §4.14: narrow exposure) and never on a cross-site request (SameSite=Strict).

/** The only path the browser sends the refresh cookie to. */
export const REFRESH_COOKIE_PATH = "/api/jwt/refresh";

export type CookieOptions = {
  httpOnly: true;
  secure: boolean;
  sameSite: "lax" | "strict";
  path: string;
  maxAge: number;
};

export type CookieSpec = { name: string; value: string; options: CookieOptions };

/**
 * Production: `__Host-` for the access cookie (Secure, Path=/, no Domain: only this origin can
 * set it); the refresh cookie is path-scoped, which `__Host-` forbids, so it is `__Secure-`.
 */
export function jwtCookieNames(): { access: string; refresh: string } {
  return env.isProduction
    ? { access: "__Host-authlab-jwt", refresh: "__Secure-authlab-jwt-refresh" }
    : { access: "authlab-jwt", refresh: "authlab-jwt-refresh" };
}

function secondsUntil(date: Date): number {
  return Math.max(0, Math.floor((date.getTime() - Date.now()) / 1000));
}

/**
 * The access token cookie lives as long as the refresh token, not the access token: once the
 * token inside has expired, its presence tells proxy.ts a refresh is worth trying, and sign-out
 * can still read which family to revoke from it. The server never accepts the expired token.
 */
export function accessCookie(token: string, refreshExpiresAt: Date): CookieSpec {
  return {
    name: jwtCookieNames().access,
    value: token,
    options: {
      httpOnly: true,
      secure: env.isProduction,
      sameSite: "lax",
      path: "/",
      maxAge: secondsUntil(refreshExpiresAt),
    },
  };
}

export function refreshCookie(token: string, expiresAt: Date): CookieSpec {
  return {
    name: jwtCookieNames().refresh,
    value: token,
    options: {
      httpOnly: true,
      secure: env.isProduction,
      sameSite: "strict",
      path: REFRESH_COOKIE_PATH,
      maxAge: secondsUntil(expiresAt),
    },
  };
}

/**
 * How many times in a row a page load may be bounced through the refresh endpoint and come back
 * "superseded" (another tab's request rotated the cookie; its new cookies have not reached this
 * tab yet). After that proxy lets the page render as it is rather than bounce again.
 */
export const MAX_SUPERSEDED_BOUNCES = 3;

function supersededCookieName(): string {
  return env.isProduction ? "__Host-authlab-jwt-superseded" : "authlab-jwt-superseded";
}

/** The superseded-bounce count a request carries (0 without the cookie or with junk in it). */
export function readSupersededBounces(cookieHeader: string | null): number {
  const value = Number(readCookie(cookieHeader, supersededCookieName()) ?? 0);
  return Number.isInteger(value) && value > 0 ? Math.min(value, MAX_SUPERSEDED_BOUNCES) : 0;
}

/**
 * Set by a superseded navigation refresh: counts bounces so proxy.ts can stop (no redirect loop
 * even if the winning request's cookies never arrive). It lives only as long as the grace
 * window: after that the same refresh cookie is reuse and the refresh endpoint clears everything.
 */
export function supersededCookie(bounces: number): CookieSpec {
  return {
    name: supersededCookieName(),
    value: String(bounces),
    options: {
      httpOnly: true,
      secure: env.isProduction,
      sameSite: "lax",
      path: "/",
      maxAge: Math.ceil(ROTATION_GRACE_MS / 1000),
    },
  };
}

/** Deletions for both cookies (same names and paths, Max-Age=0). Other modes' cookies are untouched. */
export function clearedJwtCookies(): CookieSpec[] {
  const epoch = new Date(0);
  return [accessCookie("", epoch), refreshCookie("", epoch)];
}

/** A Set-Cookie header value, for route handlers that build their own Response. */
export function serializeCookie({ name, value, options }: CookieSpec): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`];
  if (options.maxAge === 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  parts.push("HttpOnly", `SameSite=${options.sameSite === "lax" ? "Lax" : "Strict"}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
