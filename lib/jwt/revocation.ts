import "server-only";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { revokeCredential } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { verifyAccessToken } from "./access-token";
import { isPlausibleRefreshToken } from "./refresh-tokens";

// RFC 7009 and the sessions page, for JWT mode: each finds the credential, then ends it through
// lib/revocation (which writes and audits).

/**
 * RFC 7009 for an access token: if it is ours and unexpired, its jti is deny-listed until exp.
 * Only a token's holder can do this, so the signature is the authority. The deny-list is read
 * only when JWT_DENYLIST is on; it is written either way so turning it on takes effect at once.
 */
export async function revokeAccessToken(token: string, context: RequestContext): Promise<boolean> {
  const verified = await verifyAccessToken(token, { skipDenyList: true });
  if (!verified.ok) return false;
  const { jti, sub, exp } = verified.value.claims;
  await revokeCredential(
    { kind: "access_token", id: jti, userId: sub, expiresAt: new Date(exp * 1000) },
    "revoked_by_client",
    context,
  );
  return true;
}

/** RFC 7009 for a refresh token: its whole family ends. Unknown tokens are silently ignored. */
export async function revokeRefreshToken(presented: unknown, context: RequestContext): Promise<boolean> {
  if (!isPlausibleRefreshToken(presented)) return false;
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(presented) },
    select: { familyId: true, userId: true },
  });
  if (!row) return false;
  const ended = await revokeCredential(
    { kind: "refresh_family", id: row.familyId, userId: row.userId },
    "revoked_by_client",
    context,
  );
  return ended !== null;
}
