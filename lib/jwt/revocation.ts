import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import type { RequestContext } from "@/lib/security/request";
import { denyAccessToken, verifyAccessToken } from "./access-token";

/**
 * RFC 7009 for an access token: if it is ours and unexpired, its jti is deny-listed until exp.
 * Only a token's holder can do this, so the signature is the authority. The deny-list is read
 * only when JWT_DENYLIST is on; it is written either way so turning it on takes effect at once.
 */
export async function revokeAccessToken(token: string, context: RequestContext): Promise<boolean> {
  const verified = await verifyAccessToken(token, { skipDenyList: true });
  if (!verified.ok) return false;
  await denyAccessToken(verified.claims);
  await recordAuditEvent({
    type: "token.revoked",
    mode: "jwt",
    userId: verified.claims.sub,
    context,
    detail: { jti: verified.claims.jti, familyId: verified.claims.sid },
  });
  return true;
}
