import { etagOf, identityFingerprint } from "@/lib/dashboard/fingerprint";
import { db } from "@/lib/db";
import { getRequestIdentity } from "@/lib/identity";
import { listVerifyingKeys } from "@/lib/jwt/keys/status";

export const dynamic = "force-dynamic";

/**
 * The dashboard's change feed: an ETag over who is signed in per mode, which credential they
 * hold, whether the JWT's family was revoked and which signing keys verify. The page polls it with If-None-Match (304 while nothing changed) and redraws on change.
 */
export async function GET(request: Request): Promise<Response> {
  const identity = await getRequestIdentity(request);
  // A JWT's own verification cannot see its family being revoked (that is the point of
  // stateless checks), but the dashboard shows it, so the feed asks the database.
  const familyId = identity.modes.jwt?.credential.familyId;
  const family = familyId
    ? await db.refreshTokenFamily.findUnique({ where: { id: familyId }, select: { revokedAt: true } })
    : null;
  // Key rotations show on the JWT panel too.
  const keys = familyId ? (await listVerifyingKeys()).map(({ kid, status }) => ({ kid, status })) : [];
  const state = {
    modes: identityFingerprint(identity),
    jwtFamilyRevoked: family?.revokedAt?.toISOString() ?? null,
    keys,
  };
  const etag = etagOf(state);
  const headers = { ETag: etag, "Cache-Control": "no-store" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(state, { headers });
}
