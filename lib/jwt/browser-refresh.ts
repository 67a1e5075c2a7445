import "server-only";
import { appendCookies, readCookie } from "@/lib/http/cookies";
import { safeRedirectPath } from "@/lib/security/redirect";
import { isFirstPartyNavigation, requestContextFrom } from "@/lib/security/request";
import {
  accessCookie,
  clearedJwtCookies,
  jwtCookieNames,
  MAX_SUPERSEDED_BOUNCES,
  readSupersededBounces,
  refreshCookie,
  supersededCookie,
} from "./cookies";
import type { RefreshFailure } from "./refresh-tokens";
import { refreshTokenPair, type TokenPair } from "./token-pair";

/** Sets both JWT cookies on a route handler's response. Both live as long as the refresh token. */
export function setTokenCookies(response: Response, pair: TokenPair): Response {
  return appendCookies(
    response,
    accessCookie(pair.access.token, pair.refresh.expiresAt),
    refreshCookie(pair.refresh.token, pair.refresh.expiresAt),
  );
}

export function clearTokenCookies(response: Response): Response {
  return appendCookies(response, ...clearedJwtCookies());
}

/** One message per failure; reuse is not announced differently from any other dead token. */
export function refreshFailureMessage(reason: RefreshFailure): string {
  if (reason === "superseded") return "Another request refreshed these cookies a moment ago. Try again.";
  return reason === "expired"
    ? "The refresh token expired. Sign in again."
    : "The refresh token is not valid. Sign in again.";
}

/** The browser's cookie paths tolerate a concurrent sibling refresh (see ROTATION_GRACE_MS). */
export const COOKIE_ROTATION = { allowSuperseded: true } as const;

/**
 * The other half of proxy.ts's transparent refresh. The browser sends the refresh cookie only
 * to this path (it is path-scoped), so proxy cannot refresh on a page request itself: it sends
 * the navigation here (GET), this rotates the token, sets both cookies and answers 303 back to
 * the page, which then renders with the fresh access token. On any failure both cookies are
 * cleared, so the next navigation does not come back here (no redirect loop).
 */
export async function refreshOnNavigation(request: Request): Promise<Response> {
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"), "/jwt");
  const back = () =>
    new Response(null, { status: 303, headers: { Location: next, "Cache-Control": "no-store" } });

  // Only a navigation of this origin (or of the person) may rotate: not another site, not a
  // sibling subdomain (ASVS 3.5.x). proxy.ts sends no other here, so refusing cannot loop.
  if (!isFirstPartyNavigation(request.headers)) return back();
  const cookie = readCookie(request.headers.get("cookie"), jwtCookieNames().refresh);
  if (!cookie) return clearTokenCookies(back());
  const result = await refreshTokenPair(cookie, requestContextFrom(request.headers), COOKIE_ROTATION);
  if (result.ok) return setTokenCookies(back(), result.value);
  if (result.reason !== "superseded") return clearTokenCookies(back());
  const bounces = Math.min(readSupersededBounces(request.headers.get("cookie")) + 1, MAX_SUPERSEDED_BOUNCES);
  return appendCookies(back(), supersededCookie(bounces));
}
