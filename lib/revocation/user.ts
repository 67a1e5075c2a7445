import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { redisConfigured } from "@/lib/redis/client";
import { revokeUserInRedis } from "@/lib/redis/user-revocation";
import type { RequestContext } from "@/lib/security/request";
import type { CredentialKind, EndedCredential } from "./credentials";
import type { RevocationReason } from "./reasons";

/** The session that asked for the revocation and stays signed in (a password change). */
export type KeepCredential = { serverSessionId?: string };

type Step = {
  kind: CredentialKind;
  /** Ends the user's live credentials of this kind inside the transaction; returns their ids. */
  end(
    tx: Prisma.TransactionClient,
    userId: string,
    revoked: { revokedAt: Date; revokedReason: RevocationReason },
    keep: KeepCredential,
  ): Promise<string[]>;
};

// One step per kind of stored credential. Access tokens are not rows: the user's
// tokensNotBefore cut-off below refuses every one issued until now.
// Each step revokes by owner in one statement (not by a list of ids read first, which would
// miss a row written between the read and the write), then reads back what it just ended.
const STEPS: readonly Step[] = [
  {
    kind: "server_session",
    async end(tx, userId, revoked, keep) {
      const live = {
        userId,
        revokedAt: null,
        ...(keep.serverSessionId ? { id: { not: keep.serverSessionId } } : {}),
      };
      await tx.serverSession.updateMany({ where: live, data: revoked });
      const rows = await tx.serverSession.findMany({ where: { userId, ...revoked }, select: { id: true } });
      return rows.map((row) => row.id);
    },
  },
  {
    kind: "refresh_family",
    async end(tx, userId, revoked) {
      await tx.refreshTokenFamily.updateMany({ where: { userId, revokedAt: null }, data: revoked });
      const rows = await tx.refreshTokenFamily.findMany({
        where: { userId, ...revoked },
        select: { id: true },
      });
      // RFC 9700 §4.14.2: a revoked family's tokens are revoked with it.
      await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: revoked });
      return rows.map((row) => row.id);
    },
  },
  {
    kind: "api_key",
    async end(tx, userId, revoked) {
      await tx.apiKey.updateMany({ where: { userId, revokedAt: null }, data: revoked });
      const rows = await tx.apiKey.findMany({ where: { userId, ...revoked }, select: { id: true } });
      return rows.map((row) => row.id);
    },
  },
  {
    kind: "oauth_session",
    async end(tx, userId) {
      const rows = await tx.session.findMany({ where: { userId }, select: { id: true } });
      await tx.session.deleteMany({ where: { userId } });
      return rows.map((row) => row.id);
    },
  },
];

/**
 * The Redis half (REDIS_URL): the user's sessions, and the access-token cut-off every instance's
 * deny-list check reads. Run last inside the database transaction: if Redis fails, the
 * transaction rolls back and nothing is half-written (503 upstream); if the commit then failed,
 * the credentials would be ended in Redis only, which errs on the safe side.
 */
async function endInRedis(
  userId: string,
  revoked: { revokedAt: Date; revokedReason: RevocationReason },
  keep: KeepCredential,
): Promise<EndedCredential[]> {
  const ids = await revokeUserInRedis(userId, {
    keepId: keep.serverSessionId,
    revokedAt: revoked.revokedAt,
    reason: revoked.revokedReason,
    // The cut-off matters only while a token issued before it can still be unexpired.
    notBeforeTtlMs: (env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW + 60) * 1000,
  });
  return ids.map((id) => ({ kind: "server_session", id, userId }));
}

export type UserRevocation = {
  ended: EndedCredential[];
  /** Access tokens issued before this are refused wherever the deny-list is checked. */
  accessTokensNotBefore: Date;
};

/**
 * Every credential of a user in every mode (ASVS 7.4.3, 7.5.2): server sessions and refresh
 * families (with their tokens) revoked, Auth.js sessions deleted, and `tokensNotBefore` set so
 * access tokens issued until now are refused with JWT_DENYLIST on (without it they live until
 * their exp). API keys only with `includeApiKeys` (sign out everywhere when asked, account
 * disable): a key is a standing grant to a script, not a sign-in, so ending the sign-ins leaves
 * it unless the person says so. `keep` spares the session that asked, for a password change.
 * Audited once.
 */
export async function revokeAllCredentials(
  userId: string,
  reason: RevocationReason,
  options: {
    context?: RequestContext;
    keep?: KeepCredential;
    /**
     * A write that must commit with the revocation or not at all (a new password hash: a
     * password changed while the old sessions live on would defeat ASVS 7.4.3).
     */
    alongside?: (tx: Prisma.TransactionClient) => Promise<unknown>;
    includeApiKeys?: boolean;
  } = {},
): Promise<UserRevocation> {
  const now = new Date();
  const revoked = { revokedAt: now, revokedReason: reason };
  const steps = STEPS.filter((step) => step.kind !== "api_key" || options.includeApiKeys);
  const ended = await db.$transaction(async (tx) => {
    await options.alongside?.(tx);
    const all: EndedCredential[] = [];
    for (const step of steps) {
      const ids = await step.end(tx, userId, revoked, options.keep ?? {});
      all.push(...ids.map((id) => ({ kind: step.kind, id, userId })));
    }
    await tx.user.update({ where: { id: userId }, data: { tokensNotBefore: now } });
    // Redis sessions stand where the (then empty) server_session step's would.
    if (redisConfigured()) all.unshift(...(await endInRedis(userId, revoked, options.keep ?? {})));
    return all;
  });
  const counts = Object.fromEntries(
    steps.map((step) => [step.kind, ended.filter((entry) => entry.kind === step.kind).length]),
  );
  await recordAuditEvent({
    type: "session.revoked_all",
    userId,
    context: options.context,
    detail: { reason, ...counts },
  });
  return { ended, accessTokensNotBefore: now };
}
