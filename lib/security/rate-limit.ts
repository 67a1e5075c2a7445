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
  /** Failed sign-ins against one account, from anywhere. */
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

/** Counts one hit; answers whether this hit may proceed. */
export async function hitRateLimit(
  rule: RateLimitRule,
  subject: string,
  now = new Date(),
): Promise<RateLimitDecision> {
  const key = keyOf(rule, subject);
  return db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    const wait = blockedFor(row?.blockedUntil ?? null, now);
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };

    const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < rule.windowSeconds * 1000;
    const count = windowOpen ? row.count + 1 : 1;
    const windowStartedAt = windowOpen ? row.windowStartedAt : now;
    const strikes = row?.strikes ?? 0;

    if (count > rule.limit) {
      const seconds = Math.min(rule.blockSeconds * 2 ** strikes, rule.maxBlockSeconds);
      const blockedUntil = new Date(now.getTime() + seconds * 1000);
      // A new window starts after the block, with one more strike for the next back-off.
      await tx.rateLimit.update({
        where: { key },
        data: { count: 0, windowStartedAt: blockedUntil, strikes: strikes + 1, blockedUntil },
      });
      return { allowed: false, retryAfterSeconds: seconds };
    }
    await tx.rateLimit.upsert({
      where: { key },
      create: { key, count, windowStartedAt, strikes: 0 },
      update: { count, windowStartedAt },
    });
    return { allowed: true };
  });
}

/** Forgets a key, e.g. an account's failures after a successful sign-in. */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: keyOf(rule, subject) } });
}
