import "server-only";
import { fail, ok, type Result } from "@/lib/core/result";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { generateToken, hashToken } from "@/lib/crypto/tokens";
import type { IdentityUser } from "@/lib/core/identity";
import { revokeCredential } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";

/** Sliding renewal is written at most this often, so reads do not become writes. */
const RENEWAL_INTERVAL_MS = 60_000;

export type ServerSessionRecord = {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

export type ValidatedSession = { session: ServerSessionRecord; user: IdentityUser };

export type SessionRejection = "unknown" | "revoked" | "idle_expired" | "absolute_expired" | "user_disabled";

/** The columns a ServerSessionRecord carries (never the token hash). */
const recordFields = {
  id: true,
  userId: true,
  createdAt: true,
  lastSeenAt: true,
  idleExpiresAt: true,
  absoluteExpiresAt: true,
  ipAddress: true,
  userAgent: true,
} as const;

const sessionFields = {
  ...recordFields,
  revokedAt: true,
  user: { select: { id: true, email: true, name: true, image: true, disabledAt: true } },
} as const;

/**
 * Creates a session: a fresh 256-bit token (ASVS 7.2.4, new on every sign-in) of which only the
 * SHA-256 is stored (ASVS 7.2.3). Returns the token for the cookie; it is never stored or logged.
 */
export async function createSession(
  userId: string,
  context: RequestContext,
  now = new Date(),
): Promise<{ token: string; session: ServerSessionRecord }> {
  const token = generateToken();
  // Housekeeping on the write path: this user's expired rows go (others' on their next visit).
  await db.serverSession.deleteMany({
    where: { userId, OR: [{ absoluteExpiresAt: { lte: now } }, { idleExpiresAt: { lte: now } }] },
  });
  const session = await db.serverSession.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + env.SESSION_IDLE_TIMEOUT * 1000),
      absoluteExpiresAt: new Date(now.getTime() + env.SESSION_ABSOLUTE_TIMEOUT * 1000),
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    },
    select: recordFields,
  });
  return { token, session };
}

/**
 * Looks a token up and enforces every limit on the server (ASVS 7.3.1 idle, 7.3.2 absolute,
 * 7.4.x revocation, disabled users). Expired sessions are deleted on sight. A valid session's
 * idle expiry slides forward, written at most once a minute.
 */
export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<Result<ValidatedSession, SessionRejection>> {
  const row = await db.serverSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: sessionFields,
  });
  if (!row) return fail("unknown");
  if (row.revokedAt) return fail("revoked");

  const expired =
    row.absoluteExpiresAt <= now ? "absolute_expired" : row.idleExpiresAt <= now ? "idle_expired" : null;
  if (expired) {
    await db.serverSession.deleteMany({ where: { id: row.id } });
    return fail(expired);
  }
  if (row.user.disabledAt) {
    await revokeCredential({ kind: "server_session", id: row.id, userId: row.userId }, "user_disabled");
    return fail("user_disabled");
  }

  let { lastSeenAt, idleExpiresAt } = row;
  if (now.getTime() - lastSeenAt.getTime() >= RENEWAL_INTERVAL_MS) {
    lastSeenAt = now;
    idleExpiresAt = new Date(
      Math.min(now.getTime() + env.SESSION_IDLE_TIMEOUT * 1000, row.absoluteExpiresAt.getTime()),
    );
    await db.serverSession.updateMany({ where: { id: row.id }, data: { lastSeenAt, idleExpiresAt } });
  }
  const { user, revokedAt: _revoked, ...session } = row;
  return ok({
    session: { ...session, lastSeenAt, idleExpiresAt },
    user: { id: user.id, email: user.email, name: user.name, image: user.image },
  });
}

/** The session behind a token, live or not (to end it). */
export async function findSessionByToken(token: string): Promise<{ id: string; userId: string } | null> {
  return db.serverSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true },
  });
}

/** A user's live sessions, newest activity first. */
export async function listUserSessions(userId: string, now = new Date()): Promise<ServerSessionRecord[]> {
  return db.serverSession.findMany({
    where: { userId, revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: recordFields,
  });
}
