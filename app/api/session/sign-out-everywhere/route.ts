import { NextResponse } from "next/server";
import { getRequestIdentity } from "@/lib/identity";
import { refuseCrossSite } from "@/lib/http/guard";
import { requestContextFrom } from "@/lib/security/request";
import { signedOutResponse, withCookie } from "@/lib/session/http";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { signOutEverywhere } from "@/lib/session/service";

/** Revokes every session-mode session of the caller, this one included. */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const session = (await getRequestIdentity(request)).modes.session;
  if (!session) return signedOutResponse();
  const revoked = await signOutEverywhere(session.user.id, requestContextFrom(request.headers));
  return withCookie(
    NextResponse.json({ revoked }, { headers: { "Cache-Control": "no-store" } }),
    clearedSessionCookie(),
  );
}
