import "server-only";
import { db } from "@/lib/db";

/**
 * A fixed-window counter with exponential back-off (ASVS 6.3.1). When `limit` hits land within
 * one window, the key is blocked for `blockSeconds * 2^strikes` (capped at `maxBlockSeconds`).
 * Hits during a block do not extend it, so an attacker who keeps failing against someone's
 * account delays its owner by at most one bounded block at a time, never forever.
 */
export type RateLimitRule = {
  name: string;
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
  maxBlockSeconds: number;
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const RATE_LIMITS = {
  /** Every sign-in attempt from one IP, whatever the account. */
  signInPerIp: {
    name: "sign-in:ip",
    limit: 50,
    windowSeconds: 15 * 60,
    blockSeconds: 60,
    maxBlockSeconds: 30 * 60,
  },
  /**
   * Sign-in attempts against one account from one client IP, counted before the password is
   * checked and forgotten on success. Keyed by account and IP so that an attacker who keeps
   * failing locks out only themselves, never the owner signing in from elsewhere (ASVS 6.3.1).
   */
  signInPerAccount: {
    name: "sign-in:account",
    limit: 5,
    windowSeconds: 15 * 60,
    blockSeconds: 30,
    maxBlockSeconds: 15 * 60,
  },
  /** Account creations from one IP. */
  signUpPerIp: {
    name: "sign-up:ip",
    limit: 20,
    windowSeconds: 60 * 60,
    blockSeconds: 5 * 60,
    maxBlockSeconds: 60 * 60,
  },
} satisfies Record<string, RateLimitRule>;

const keyOf = (rule: RateLimitRule, subject: string) => `${rule.name}:${subject}`;

function blockedFor(blockedUntil: Date | null, now: Date): number {
  if (!blockedUntil || blockedUntil <= now) return 0;
  return Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000);
}

/** Is the key blocked right now? Reads only. */
export async function peekRateLimit(
  rule: RateLimitRule,
  subject: string,
  now = new Date(),
): Promise<RateLimitDecision> {
  const row = await db.rateLimit.findUnique({ where: { key: keyOf(rule, subject) } });
  const wait = blockedFor(row?.blockedUntil ?? null, now);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/**
 * Counts one hit; answers whether this hit may proceed. The count is incremented in the database
 * (a native upsert), so parallel requests all count; hits during a block neither count nor
 * extend it.
 */
export async function hitRateLimit(
  rule: RateLimitRule,
  subject: string,
  now = new Date(),
): Promise<RateLimitDecision> {
  const key = keyOf(rule, subject);
  const existing = await db.rateLimit.findUnique({ where: { key } });
  const wait = blockedFor(existing?.blockedUntil ?? null, now);
  if (wait > 0) return { allowed: false, retryAfterSeconds: wait };

  if (existing && now.getTime() - existing.windowStartedAt.getTime() >= rule.windowSeconds * 1000) {
    // A new window; conditional on the one we saw, so concurrent resets agree.
    await db.rateLimit.updateMany({
      where: { key, windowStartedAt: existing.windowStartedAt },
      data: { count: 0, windowStartedAt: now },
    });
  }
  const row = await db.rateLimit.upsert({
    where: { key },
    create: { key, count: 1, windowStartedAt: now, strikes: 0 },
    update: { count: { increment: 1 } },
  });
  // Decide on the row the increment returned, not on the read above: a parallel hit may have set
  // the block (and zeroed the count) in between, and a count read under a block means nothing.
  const blocked = blockedFor(row.blockedUntil, now);
  if (blocked > 0) return { allowed: false, retryAfterSeconds: blocked };
  if (row.count <= rule.limit) return { allowed: true };

  const seconds = Math.min(rule.blockSeconds * 2 ** row.strikes, rule.maxBlockSeconds);
  const blockedUntil = new Date(now.getTime() + seconds * 1000);
  // The first hit over the limit sets the block and takes a strike (the next back-off doubles);
  // a new window starts when the block ends. Concurrent hits over the limit find it set.
  const set = await db.rateLimit.updateMany({
    where: { key, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
    data: { count: 0, windowStartedAt: blockedUntil, strikes: { increment: 1 }, blockedUntil },
  });
  if (set.count === 0) {
    const current = await db.rateLimit.findUnique({ where: { key }, select: { blockedUntil: true } });
    return { allowed: false, retryAfterSeconds: blockedFor(current?.blockedUntil ?? null, now) || seconds };
  }
  return { allowed: false, retryAfterSeconds: seconds };
}

/** Forgets a key, e.g. an account's failures after a successful sign-in. */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: keyOf(rule, subject) } });
}
