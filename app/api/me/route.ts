import { getRequestIdentity } from "@/lib/identity";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { jsonOk } from "@/lib/http/json";
import { bearerErrorResponse } from "@/lib/jwt/bearer";
import { inspectJwtCredentials } from "@/lib/jwt/identity";

export const dynamic = "force-dynamic";

/**
 * The canonical protected endpoint: who is calling, and which modes vouched for them. Any mode's
 * credential works (a session cookie, a JWT cookie or `Authorization: Bearer`, ...).
 */
export async function GET(request: Request): Promise<Response> {
  const identity = await getRequestIdentity(request);
  if (identity.user) {
    return jsonOk({ user: identity.user, mode: identity.mode, modes: Object.keys(identity.modes) });
  }
  // RFC 6750 §3: name the error when a token was presented and failed; a bare challenge when
  // nothing was presented (§3.1: no error code then).
  const jwt = await inspectJwtCredentials(sourceFromRequest(request));
  return bearerErrorResponse("error" in jwt ? { code: "invalid_token", description: jwt.error } : undefined);
}
