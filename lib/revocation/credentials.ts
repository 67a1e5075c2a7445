import "server-only";
import { type AuditEventType, recordAuditEvent } from "@/lib/audit";
import type { AuthMode } from "@/lib/core/identity";
import { db } from "@/lib/db";
import { redisConfigured } from "@/lib/redis/client";
import { denyAccessToken } from "@/lib/redis/deny-list";
import { revokeRedisSession } from "@/lib/redis/sessions";
import type { RequestContext } from "@/lib/security/request";
import type { RevocationReason } from "./reasons";

/**
 * Every kind of credential authlab can end, and the mode it belongs to.
 */
export const CREDENTIAL_MODES = {
  server_session: "session",
  refresh_family: "jwt",
  access_token: "jwt",
  oauth_session: "oauth",
  api_key: "apikey",
} as const satisfies Record<string, AuthMode>;

export type CredentialKind = keyof typeof CREDENTIAL_MODES;

/**
 * One credential to end, named by its row (for an access token, its `jti`) and always scoped to
 * its owner: an id of another user's credential matches nothing, so a caller acting for a user
 * can pass ids straight from a form and answer "not found".
 */
export type CredentialRef =
  | { kind: "server_session" | "refresh_family" | "oauth_session" | "api_key"; id: string; userId: string }
  | { kind: "access_token"; id: string; userId: string; expiresAt: Date };

/** What a revocation ended: the typed list every verb here returns. */
export type EndedCredential = { kind: CredentialKind; id: string; userId: string };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Ends one credential if it is still live; false when it was already ended or is not theirs. */
async function endCredential(ref: CredentialRef, reason: RevocationReason, now: Date): Promise<boolean> {
  const revoked = { revokedAt: now, revokedReason: reason };
  switch (ref.kind) {
    case "server_session": {
      // With REDIS_URL, sessions live in Redis: one atomic script marks it revoked (ASVS 7.4.1).
      if (redisConfigured()) return revokeRedisSession(ref.id, ref.userId, now, reason);
      const result = await db.serverSession.updateMany({
        where: { id: ref.id, userId: ref.userId, revokedAt: null },
        data: revoked,
      });
      return result.count === 1;
    }
    case "refresh_family": {
      // RFC 9700 §4.14.2: the family and every token in it, in one write, so no token of a
      // revoked family can still read as current.
      const [family] = await db.$transaction([
        db.refreshTokenFamily.updateMany({
          where: { id: ref.id, userId: ref.userId, revokedAt: null },
          data: revoked,
        }),
        db.refreshToken.updateMany({
          where: { familyId: ref.id, userId: ref.userId, revokedAt: null },
          data: revoked,
        }),
      ]);
      return family.count === 1;
    }
    case "access_token":
      // Kept until the token's own exp, after which it is refused anyway (ASVS 7.4.1); in Redis
      // when REDIS_URL is set, where every instance's deny-list check reads it.
      if (redisConfigured()) return denyAccessToken(ref.id, ref.userId, ref.expiresAt);
      try {
        await db.revokedAccessToken.create({
          data: { jti: ref.id, userId: ref.userId, expiresAt: ref.expiresAt },
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    case "api_key": {
      // Every check reads the row (lib/apikey), so the key is refused on its next request, on
      // every instance. A cache of verified keys would need this write to reach it (issue 13).
      const result = await db.apiKey.updateMany({
        where: { id: ref.id, userId: ref.userId, revokedAt: null },
        data: revoked,
      });
      return result.count === 1;
    }
    case "oauth_session": {
      // Auth.js sessions have no revoked state: the adapter reads a missing row as signed out.
      const result = await db.session.deleteMany({ where: { id: ref.id, userId: ref.userId } });
      return result.count === 1;
    }
  }
}

function auditTypeFor(kind: CredentialKind, reason: RevocationReason): AuditEventType {
  if (reason === "signed_out") return "sign_out";
  if (reason === "reuse_detected") return "token.reuse_detected";
  if (reason === "expired") return "session.expired";
  if (kind === "api_key") return "api_key.revoked";
  if (kind === "refresh_family") return "token.family_revoked";
  if (kind === "access_token") return "token.revoked";
  return "session.revoked";
}

async function auditEnded(
  ended: EndedCredential[],
  reason: RevocationReason,
  context: RequestContext | undefined,
): Promise<void> {
  const [first] = ended;
  if (!first) return;
  await recordAuditEvent({
    type: auditTypeFor(first.kind, reason),
    mode: CREDENTIAL_MODES[first.kind],
    userId: first.userId,
    context,
    detail: { reason, credentials: ended.map(({ kind, id }) => ({ kind, id })) },
  });
}

/**
 * This credential: one server session, one refresh family with all its tokens, one access
 * token's jti, or one Auth.js session. Audited once, with the reason. Null when there was
 * nothing live to end (already ended, unknown, or another user's).
 */
export async function revokeCredential(
  ref: CredentialRef,
  reason: RevocationReason,
  context?: RequestContext,
): Promise<EndedCredential | null> {
  if (!(await endCredential(ref, reason, new Date()))) return null;
  const ended = { kind: ref.kind, id: ref.id, userId: ref.userId };
  await auditEnded([ended], reason, context);
  return ended;
}

/**
 * One of the user's own credentials, ended from the sessions page or another device: "not
 * found" (false) for anyone else's or one already ended, so ids from a form cannot probe.
 */
export async function revokeOwnCredential(
  userId: string,
  kind: "server_session" | "refresh_family" | "oauth_session" | "api_key",
  id: string,
  context: RequestContext,
): Promise<boolean> {
  return (await revokeCredential({ kind, id, userId }, "revoked_by_user", context)) !== null;
}

/**
 * This sign-in: every credential one browser (or client) holds, across modes, ended together.
 * One audit event per user and mode, listing what ended, so a sign-out reads as one act.
 */
export async function revokeSignIn(
  held: readonly CredentialRef[],
  reason: RevocationReason,
  context?: RequestContext,
): Promise<EndedCredential[]> {
  const now = new Date();
  const ended: EndedCredential[] = [];
  for (const ref of held) {
    if (await endCredential(ref, reason, now)) ended.push({ kind: ref.kind, id: ref.id, userId: ref.userId });
  }
  // One browser can hold different users in different modes: group before auditing.
  const groups = new Map<string, EndedCredential[]>();
  for (const entry of ended) {
    const key = `${entry.userId} ${CREDENTIAL_MODES[entry.kind]}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const group of groups.values()) await auditEnded(group, reason, context);
  return ended;
}
