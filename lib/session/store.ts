import "server-only";
import { fail, ok, type Result } from "@/lib/core/result";
import { env } from "@/lib/env";
import { generateToken, hashToken } from "@/lib/crypto/tokens";
import type { IdentityUser } from "@/lib/core/identity";
import { afterResponse } from "@/lib/http/after-response";
import { revokeCredential } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { timeCryptoSync } from "@/lib/timing";
import { redisConfigured } from "@/lib/redis/client";
import { databaseSessionStore } from "./database-store";
import { redisSessionStore } from "./redis-store";
import type { ServerSessionRecord, SessionStore } from "./session-store";

export type { ServerSessionRecord, SessionStore } from "./session-store";

/** Sliding renewal is written at most this often, so reads do not become writes. */
const RENEWAL_INTERVAL_MS = 60_000;

export type ValidatedSession = { session: ServerSessionRecord; user: IdentityUser };

export type SessionRejection = "unknown" | "revoked" | "idle_expired" | "absolute_expired" | "user_disabled";

/** Where sessions live: Redis when REDIS_URL is set, else the app's database. */
function sessionStore(): SessionStore {
  return redisConfigured() ? redisSessionStore : databaseSessionStore;
}

function tokenHashOf(token: string): string {
  return timeCryptoSync(() => hashToken(token));
}

/**
 * Creates a session: a fresh 256-bit token (ASVS 7.2.4, new on every sign-in) of which only the
 * SHA-256 is stored (ASVS 7.2.3). Returns the token for the cookie; it is never stored or logged.
 */
export async function createSession(
  user: IdentityUser,
  context: RequestContext,
  now = new Date(),
): Promise<{ token: string; session: ServerSessionRecord }> {
  const token = generateToken();
  const session = await sessionStore().insert(
    {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      idleExpiresAt: new Date(now.getTime() + env.SESSION_IDLE_TIMEOUT * 1000),
      absoluteExpiresAt: new Date(now.getTime() + env.SESSION_ABSOLUTE_TIMEOUT * 1000),
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    },
    user,
  );
  return { token, session };
}

/**
 * Looks a token up and enforces every limit on the server (ASVS 7.3.1 idle, 7.3.2 absolute,
 * 7.4.x revocation, disabled users): one read of the session and its user. Expired sessions are
 * deleted on sight. A valid session's idle expiry slides forward, written at most once a minute
 * and after the response (the check's answer does not depend on the write).
 */
export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<Result<ValidatedSession, SessionRejection>> {
  const store = sessionStore();
  const row = await store.findWithUser(tokenHashOf(token));
  if (!row) return fail("unknown");
  if (row.revokedAt) return fail("revoked");

  const expired =
    row.absoluteExpiresAt <= now ? "absolute_expired" : row.idleExpiresAt <= now ? "idle_expired" : null;
  if (expired) {
    await store.remove(row.id);
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
    const renewed = { lastSeenAt, idleExpiresAt };
    await afterResponse("session: sliding renewal", () =>
      store.touch(row.id, renewed.lastSeenAt, renewed.idleExpiresAt),
    );
  }
  const { user, revokedAt: _revoked, ...session } = row;
  return ok({
    session: { ...session, lastSeenAt, idleExpiresAt },
    user: { id: user.id, email: user.email, name: user.name, image: user.image },
  });
}

/** The session behind a token, live or not (to end it). */
export async function findSessionByToken(token: string): Promise<{ id: string; userId: string } | null> {
  return sessionStore().findRef(hashToken(token));
}

/** A user's live sessions, newest activity first. */
export async function listUserSessions(userId: string, now = new Date()): Promise<ServerSessionRecord[]> {
  return sessionStore().listLive(userId, now);
}

/**
 * Deletes sessions outright, live or revoked, from whichever store holds them: for the lab's
 * throw-away users, whose every trace goes at the end of a run (their database rows also go
 * with the user; Redis keeps sessions apart from the user row).
 */
export async function deleteSessions(ids: readonly string[]): Promise<void> {
  const store = sessionStore();
  for (const id of ids) await store.remove(id);
}
