import "server-only";
import { db } from "@/lib/db";

/**
 * Ends every credential a user holds, in every mode (after a password change, when an account
 * is disabled, or on "sign out everywhere"): server sessions and JWT refresh families are
 * revoked, Auth.js sessions deleted, and access tokens issued before now are refused wherever
 * the deny-list is checked (ASVS 7.4.3). Returns how many of each were ended.
 */
export async function revokeUserCredentials(
  userId: string,
  reason: string,
  keep: { serverSessionId?: string; tokenFamilyId?: string } = {},
): Promise<{ sessions: number; tokenFamilies: number; oauthSessions: number }> {
  const now = new Date();
  const [sessions, families, oauthSessions] = await db.$transaction([
    db.serverSession.updateMany({
      where: {
        userId,
        revokedAt: null,
        ...(keep.serverSessionId ? { id: { not: keep.serverSessionId } } : {}),
      },
      data: { revokedAt: now, revokedReason: reason },
    }),
    db.refreshTokenFamily.updateMany({
      where: { userId, revokedAt: null, ...(keep.tokenFamilyId ? { id: { not: keep.tokenFamilyId } } : {}) },
      data: { revokedAt: now, revokedReason: reason },
    }),
    db.session.deleteMany({ where: { userId } }),
    db.user.update({ where: { id: userId }, data: { tokensNotBefore: now } }),
  ]);
  return { sessions: sessions.count, tokenFamilies: families.count, oauthSessions: oauthSessions.count };
}
