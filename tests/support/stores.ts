// What the stores hold (sessions, rate-limit counters, the JWT deny-list), read and changed behind
// the app's back on whichever backend this run uses (REDIS_URL set: Redis, else the database), so
// one suite runs on both (.ci/run runs the unit tests again with REDIS_URL). Tests only.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { redisClient } from "@/lib/redis/client";

export const sessionBackend: "redis" | "database" = process.env.REDIS_URL ? "redis" : "database";

export type StoredSessionRow = {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
};

type Editable = Partial<Pick<StoredSessionRow, "lastSeenAt" | "idleExpiresAt" | "absoluteExpiresAt">>;

const date = (value: string | undefined) => (value ? new Date(Number(value)) : null);

async function redisRow(tokenHash: string): Promise<StoredSessionRow | null> {
  const fields = await redisClient().hgetall(`authlab:session:${tokenHash}`);
  if (!fields.id) return null;
  return {
    id: fields.id,
    userId: fields.userId!,
    tokenHash,
    createdAt: date(fields.createdAt)!,
    lastSeenAt: date(fields.lastSeenAt)!,
    idleExpiresAt: date(fields.idleExpiresAt)!,
    absoluteExpiresAt: date(fields.absoluteExpiresAt)!,
    revokedAt: date(fields.revokedAt),
    revokedReason: fields.revokedReason ?? null,
  };
}

async function redisTokenHash(id: string): Promise<string | null> {
  return redisClient().get(`authlab:session-id:${id}`);
}

/** Every session of a user still stored (revoked ones included), newest first. */
export async function storedSessions(userId: string): Promise<StoredSessionRow[]> {
  if (env.REDIS_URL) {
    const rows: StoredSessionRow[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redisClient().scan(cursor, "MATCH", "authlab:session-id:*", "COUNT", 1000);
      cursor = next;
      for (const key of keys) {
        const tokenHash = await redisClient().get(key);
        const row = tokenHash ? await redisRow(tokenHash) : null;
        if (row?.userId === userId) rows.push(row);
      }
    } while (cursor !== "0");
    return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
  return db.serverSession.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
}

/** A user's sessions that are not revoked. */
export async function liveSessionCount(userId: string): Promise<number> {
  return (await storedSessions(userId)).filter((row) => !row.revokedAt).length;
}

/** One stored session by id, or null once it is gone. */
export async function storedSession(id: string): Promise<StoredSessionRow | null> {
  if (env.REDIS_URL) {
    const tokenHash = await redisTokenHash(id);
    return tokenHash ? redisRow(tokenHash) : null;
  }
  return db.serverSession.findUnique({ where: { id } });
}

/** Moves a session's clock fields (to make it idle or old without waiting). */
export async function editStoredSession(id: string, data: Editable): Promise<void> {
  if (env.REDIS_URL) {
    const tokenHash = await redisTokenHash(id);
    if (!tokenHash) throw new Error(`no stored session ${id}`);
    const fields = Object.entries(data).flatMap(([name, value]) => [name, String(value.getTime())]);
    await redisClient().hset(`authlab:session:${tokenHash}`, ...fields);
    return;
  }
  await db.serverSession.update({ where: { id }, data });
}

/** Time passing for the given rate-limit keys (`<rule>:<subject>`): their window or block ends now. */
export async function endRateLimitWindows(...keys: string[]): Promise<void> {
  if (env.REDIS_URL) {
    await redisClient().del(...keys.map((key) => `authlab:rate-limit:${key}`));
    return;
  }
  await db.rateLimit.updateMany({
    where: { key: { in: keys } },
    data: { expire: BigInt(Date.now() - 1000) },
  });
}

/** A deny-listed access token's entry: its owner and until when it is kept, or null. */
export async function deniedAccessToken(
  jti: string,
): Promise<{ userId: string | null; expiresAt: Date } | null> {
  if (env.REDIS_URL) {
    const key = `authlab:jwt-denied:${jti}`;
    const [userId, expiresAt] = await Promise.all([redisClient().get(key), redisClient().pexpiretime(key)]);
    return userId ? { userId, expiresAt: new Date(expiresAt) } : null;
  }
  return db.revokedAccessToken.findUnique({ where: { jti }, select: { userId: true, expiresAt: true } });
}

/** Moves the user's access-token cut-off (tokensNotBefore) to `at`. */
export async function setTokensNotBefore(userId: string, at: Date): Promise<void> {
  if (env.REDIS_URL) {
    await redisClient().set(`authlab:jwt-not-before:${userId}`, String(at.getTime()), "PX", 600_000);
    return;
  }
  await db.user.update({ where: { id: userId }, data: { tokensNotBefore: at } });
}
