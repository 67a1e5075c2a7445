import { NextResponse } from "next/server";
import { changePasswordSchema } from "@/lib/auth/validation";
import { getRequestIdentity } from "@/lib/identity";
import { refuseCrossSite, readJson } from "@/lib/http/guard";
import { jsonError } from "@/lib/http/json";
import { requestContextFrom } from "@/lib/security/request";
import { rateLimitedResponse, signedOutResponse } from "@/lib/session/http";
import { changePassword } from "@/lib/session/service";

/** Changes the password; every other session and token of the user stops working. */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const session = (await getRequestIdentity(request)).modes.session;
  if (!session) return signedOutResponse();
  const body = await readJson(request, changePasswordSchema);
  if (!body.ok) return body.response;

  const current = session.credential.session.id;
  const result = await changePassword(
    session.user.id,
    current,
    body.data,
    requestContextFrom(request.headers),
  );
  if (!result.ok) {
    if (result.code === "rate_limited") return rateLimitedResponse(result.retryAfterSeconds);
    return result.code === "wrong_password"
      ? jsonError(400, "wrong_password", "The current password is incorrect.")
      : jsonError(400, "no_password", "This account has no password; it signs in through a provider.");
  }
  return NextResponse.json(
    { changed: true, revoked: result.revoked },
    { headers: { "Cache-Control": "no-store" } },
  );
}
