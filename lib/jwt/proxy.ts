import "server-only";
import { decodeJwt } from "jose";
import { NextResponse, type NextRequest } from "next/server";
import { isFirstPartyNavigation } from "@/lib/security/request";
import {
  jwtCookieNames,
  MAX_SUPERSEDED_BOUNCES,
  readSupersededBounces,
  REFRESH_COOKIE_PATH,
} from "./cookies";

/**
 * True for a top-level page load (typed URL, link with a full load, reload). Prefetches and
 * client-side (RSC) navigations are left alone: several of them can run at once, and two
 * refreshes with one token would trip reuse detection and end the family.
 */
function isDocumentNavigation(headers: Headers): boolean {
  if (headers.has("rsc") || headers.has("next-router-prefetch")) return false;
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""}`;
  if (purpose.includes("prefetch")) return false;
  const dest = headers.get("sec-fetch-dest");
  if (dest) return dest === "document";
  return headers.get("accept")?.includes("text/html") ?? false;
}

/** True when the token's exp has passed, or it cannot be decoded (the refresh endpoint decides). */
function hasExpired(token: string): boolean {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp !== "number" || exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

/**
 * For proxy.ts: a page navigation that carries an expired JWT access cookie is redirected
 * through the refresh endpoint, which rotates the refresh token and sends the browser back.
 * Cheap on purpose: no signature check and no database here (proxy runs on every navigation);
 * the page verifies the token it ends up with.
 */
export function redirectToRefresh(request: NextRequest): NextResponse | null {
  if (request.method !== "GET" || !isDocumentNavigation(request.headers)) return null;
  // Only the navigations the refresh endpoint accepts go there (lib/jwt/browser-refresh.ts): one
  // that began on another site (or a sibling subdomain) would only bounce back here, forever.
  // Such a page renders signed out of JWT mode until the next same-origin load.
  if (!isFirstPartyNavigation(request.headers)) return null;
  // Pages only: never the refresh endpoint itself (a loop) nor any other API.
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/") || pathname.startsWith("/.well-known/")) return null;
  const access = request.cookies.get(jwtCookieNames().access)?.value;
  if (!access || !hasExpired(access)) return null;
  // Loop guard: the refresh endpoint answered "superseded" this many times in a row (another
  // tab's rotation has not reached this one); render the page as it is instead of bouncing again.
  if (readSupersededBounces(request.headers.get("cookie")) >= MAX_SUPERSEDED_BOUNCES) return null;
  const target = request.nextUrl.clone();
  target.pathname = REFRESH_COOKIE_PATH;
  target.search = "";
  target.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}
