import { z } from "zod";
import { readBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { jsonError, jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import {
  clearTokenCookies,
  COOKIE_ROTATION,
  refreshFailureMessage,
  refreshOnNavigation,
  setTokenCookies,
} from "@/lib/jwt/browser-refresh";
import { readCookie } from "@/lib/http/cookies";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { tokenResponse } from "@/lib/jwt/http";
import { refreshTokenPair } from "@/lib/jwt/token-pair";
import { isSameOriginRequest, requestContextFrom } from "@/lib/security/request";

export const dynamic = "force-dynamic";

const refreshSchema = z.object({ refresh_token: z.string().min(1).max(256).optional() });

/**
 * Two callers: an API client sends `{ "refresh_token": "..." }` and gets both tokens back in the
 * body; a browser sends `{}` with its refresh cookie (only ever sent to this path) and gets new
 * cookies. Either way the presented token is used up (rotation, RFC 9700 §4.14.2). Only the
 * cookie path tolerates a concurrent sibling (409 `refresh_superseded`); a body token presented
 * twice is always reuse.
 */
export const POST = route("jwt refresh", async (request) => {
  const body = await readBody(request, refreshSchema);
  const context = requestContextFrom(request.headers);

  if (body.refresh_token) {
    const result = await refreshTokenPair(body.refresh_token, context);
    if (!result.ok) return jsonError(400, "invalid_grant", refreshFailureMessage(result.reason));
    return tokenResponse(result.value);
  }

  // The cookie is ambient authority: same-origin only (ASVS 3.5.x); the JSON content type
  // already rules out a cross-site form.
  if (!isSameOriginRequest(request)) {
    throw new HttpError(403, "cross_origin", "This request must come from the authlab app itself.");
  }
  const cookie = readCookie(request.headers.get("cookie"), jwtCookieNames().refresh);
  if (!cookie) throw new HttpError(400, "invalid_request", "No refresh token was sent.");
  const result = await refreshTokenPair(cookie, context, COOKIE_ROTATION);
  // Another tab's refresh won the race a moment ago: nothing was revoked and the cookies stay;
  // lib/jwt/client.ts waits briefly and retries with the cookie the winner set.
  if (!result.ok && result.reason === "superseded") {
    return jsonError(409, "refresh_superseded", refreshFailureMessage(result.reason));
  }
  if (!result.ok) {
    return clearTokenCookies(jsonError(400, "invalid_grant", refreshFailureMessage(result.reason)));
  }
  return setTokenCookies(
    jsonOk({
      token_type: "Bearer",
      expires_in: result.value.access.expiresIn,
      expires_at: result.value.access.expiresAt,
    }),
    result.value,
  );
});

/**
 * The navigation bounce from proxy.ts: rotate with the cookie, then go back (303). A browser
 * window lands here, so an outage is an HTML "temporarily unavailable" page (503, Retry-After,
 * cookies kept) whose "Try again" repeats the bounce, never JSON and never a sign-in.
 */
export const GET = route("jwt navigation refresh", refreshOnNavigation, { navigation: true });
