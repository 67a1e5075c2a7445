import { NextResponse } from "next/server";
import { z } from "zod";
import { getRequestIdentity } from "@/lib/identity";
import { refuseCrossSite } from "@/lib/http/guard";
import { jsonError } from "@/lib/http/json";
import { requestContextFrom } from "@/lib/security/request";
import { signedOutResponse } from "@/lib/session/http";
import { revokeSession } from "@/lib/session/service";

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/);

/** Revokes one of the caller's own sessions (404 for anyone else's: no probing). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const session = (await getRequestIdentity(request)).modes.session;
  if (!session) return signedOutResponse();
  const id = idSchema.safeParse((await params).id);
  if (!id.success || !(await revokeSession(session.user.id, id.data, requestContextFrom(request.headers)))) {
    return jsonError(404, "not_found", "No such active session.");
  }
  return NextResponse.json({ revoked: id.data }, { headers: { "Cache-Control": "no-store" } });
}
