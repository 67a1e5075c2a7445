import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { Leases } from "./lease";
import { createLimiter, type RateLimitStore } from "./store";

export type RateLimitRule = {
  /** The key prefix in the store: stable, unique per rule. */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  /** A window starts with its first hit (rate-limiter-flexible's fixed window). */
  windowSeconds: number;
  /**
   * The hit after `limit` blocks the subject for blockSeconds, doubled for each lock-out within
   * STRIKE_MEMORY_SECONDS and capped at maxBlockSeconds. Unset: no block, the window runs out.
   */
  blockSeconds?: number;
  maxBlockSeconds?: number;
  /**
   * Hits taken from the shared store at a time and spent in this process (./lease.ts): one store
   * write per `lease` hits. Only for rules without a block; unset or 1: every hit is a write.
   */
  lease?: number;
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How long the number of lock-outs is remembered, from the first (the back-off's memory). */
export const STRIKE_MEMORY_SECONDS = 24 * 60 * 60;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * One rule on one store: a counter (points = hits in the window) and, for rules that block, a
 * strike counter whose value sets the next block's length. Every change is one atomic store
 * operation, so parallel hits all count and exactly one of them crosses the limit.
 */
export class RuleLimiter {
  private readonly counter: RateLimiterAbstract;
  private readonly strikes: RateLimiterAbstract;
  private readonly leases = new Leases();

  constructor(
    /** Replaceable: a rule whose limit comes from the settings is read again at each use. */
    public rule: RateLimitRule,
    store: RateLimitStore,
  ) {
    this.counter = createLimiter(store, {
      keyPrefix: rule.name,
      points: rule.limit,
      duration: rule.windowSeconds,
    });
    this.strikes = createLimiter(store, {
      keyPrefix: `${rule.name}#strikes`,
      points: Number.MAX_SAFE_INTEGER,
      duration: STRIKE_MEMORY_SECONDS,
    });
  }

  /** Counts one hit; answers whether it may proceed. Store errors throw (503 upstream). */
  async hit(subject: string): Promise<RateLimitDecision> {
    this.counter.points = this.rule.limit;
    const lease = this.rule.blockSeconds ? 1 : Math.max(1, Math.floor(this.rule.lease ?? 1));
    if (lease > 1) return this.hitLeased(subject, lease);
    try {
      await this.counter.consume(subject);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // The store returns each hit's own count, so exactly one hit per window sees limit + 1:
      // that one takes a strike and sets the block. Hits during a block count on the blocked row
      // and neither extend it nor strike again (ASVS 6.3.1: bounded, never permanent).
      const { blockSeconds, maxBlockSeconds } = this.rule;
      if (blockSeconds && rejection.consumedPoints === this.rule.limit + 1) {
        const strike = await this.strikes.penalty(subject);
        const length = Math.min(
          blockSeconds * 2 ** (strike.consumedPoints - 1),
          maxBlockSeconds ?? Number.POSITIVE_INFINITY,
        );
        await this.counter.block(subject, length);
        return { allowed: false, retryAfterSeconds: length };
      }
      return { allowed: false, retryAfterSeconds: seconds(rejection.msBeforeNext) };
    }
  }

  /**
   * One hit of a leased rule: spent from this process's lease when it holds one, else `lease`
   * hits are counted in the store at once. When the window has fewer than `lease` left, the
   * store's count says how many of the taken hits were within the limit: those are granted, the
   * rest were never allowed (so the shared count bounds every instance together).
   */
  private async hitLeased(subject: string, lease: number): Promise<RateLimitDecision> {
    if (this.leases.take(subject)) return { allowed: true };
    let result: RateLimiterRes;
    try {
      result = await this.counter.consume(subject, lease);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      result = rejection;
    }
    const withinLimit = Math.min(lease, this.rule.limit - (result.consumedPoints - lease));
    if (withinLimit <= 0) return { allowed: false, retryAfterSeconds: seconds(result.msBeforeNext) };
    this.leases.grant(subject, withinLimit - 1, Date.now() + result.msBeforeNext);
    return { allowed: true };
  }

  /** Whether the subject is over its limit right now; counts nothing. */
  async peek(subject: string): Promise<RateLimitDecision> {
    const current = await this.counter.get(subject);
    if (!current || current.consumedPoints <= this.rule.limit || current.msBeforeNext <= 0) {
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: seconds(current.msBeforeNext) };
  }

  /** Takes back one hit that turned out legitimate (the owner's own successful sign-in). */
  async refund(subject: string): Promise<void> {
    await this.counter.reward(subject);
  }

  /** Forgets the subject: its window, its block and its strikes. */
  async reset(subject: string): Promise<void> {
    this.leases.forget(subject);
    await this.counter.delete(subject);
    await this.strikes.delete(subject);
  }
}
