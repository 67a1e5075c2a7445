import { NextResponse } from "next/server";
import { getRequestIdentity } from "@/lib/identity";
import { refuseCrossSite } from "@/lib/http/guard";
import { revokeAllCredentials } from "@/lib/revocation";
import { requestContextFrom } from "@/lib/security/request";
import { signedOutResponse, withCookie } from "@/lib/session/http";
import { clearedSessionCookie } from "@/lib/session/service";

/** Ends every credential of the caller in every mode, this session included. */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const session = (await getRequestIdentity(request)).modes.session;
  if (!session) return signedOutResponse();
  const { ended } = await revokeAllCredentials(session.user.id, "signed_out_everywhere", {
    context: requestContextFrom(request.headers),
  });
  return withCookie(
    NextResponse.json({ revoked: ended.length }, { headers: { "Cache-Control": "no-store" } }),
    clearedSessionCookie(),
  );
}
