import { StoreUnavailableError } from "@/lib/db/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { getApiIdentity } from "@/lib/identity";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { bearerErrorResponse } from "@/lib/jwt/bearer";
import { inspectJwtCredentials } from "@/lib/jwt/identity";

export const dynamic = "force-dynamic";

/**
 * The canonical protected endpoint: who is calling, and which modes vouched for them. Any mode's
 * credential works (a session cookie, a JWT cookie or `Authorization: Bearer`, an API key with
 * `read:profile` as `Authorization: Bearer ak_…` or `X-API-Key`).
 */
export const GET = route("me", async (request) => {
  const identity = await getApiIdentity(request, "read:profile");
  if (identity.user) {
    return jsonOk({ user: identity.user, mode: identity.mode, modes: Object.keys(identity.modes) });
  }
  // A credential that could not be checked is not a bad credential: 503, never 401.
  if (identity.unavailable.length > 0) throw new StoreUnavailableError();
  // RFC 6750 §3: name the error when a token was presented and failed; a bare challenge when
  // nothing was presented (§3.1: no error code then).
  const jwt = await inspectJwtCredentials(sourceFromRequest(request));
  return bearerErrorResponse(jwt.ok ? undefined : { code: "invalid_token", description: jwt.reason });
});
