import "server-only";
import { env } from "@/lib/env";
import { RuleLimiter, type RateLimitDecision, type RateLimitRule } from "./limiter";
import { configuredRateLimitStore } from "./store";

export { clientNetwork } from "./network";
export { STRIKE_MEMORY_SECONDS, type RateLimitDecision, type RateLimitRule } from "./limiter";

const MINUTE = 60;

/**
 * Every rule, with its reason (ASVS 6.1.1 / 6.3.1; docs/security.md weighs them). Counted before
 * the password is checked, so parallel guesses cannot slip past a limit; rate-limiter-flexible
 * keeps the counters on the configured store (./store.ts).
 */
export const RATE_LIMITS = {
  /**
   * Every sign-in attempt from one client network (an IPv4 address or an IPv6 /64), whatever the
   * account: bounds password spraying from one source. Needs a client IP (TRUST_PROXY=1).
   */
  signInPerIp: {
    name: "sign-in:ip",
    limit: 50,
    windowSeconds: 15 * MINUTE,
    blockSeconds: MINUTE,
    maxBlockSeconds: 30 * MINUTE,
  },
  /**
   * Attempts against one account from one client network, forgotten when that client signs in:
   * a client guessing someone's password locks out only itself. Needs a client IP.
   */
  signInPerAccountAndIp: {
    name: "sign-in:account-ip",
    limit: 5,
    windowSeconds: 15 * MINUTE,
    blockSeconds: 30,
    maxBlockSeconds: 15 * MINUTE,
  },
  /**
   * Attempts against one account from anywhere (IP-independent): guessing spread over many
   * addresses is bounded to about `limit` per capped block (40 an hour at the cap, under ASVS
   * 4.0's 100), while the owner waits at most one block at a time, never forever. Higher than the
   * per-client limit, so one client alone never triggers it; the owner's own successful sign-in
   * takes its attempt back.
   */
  signInPerAccount: {
    name: "sign-in:account",
    limit: 10,
    windowSeconds: 15 * MINUTE,
    blockSeconds: MINUTE,
    maxBlockSeconds: 15 * MINUTE,
  },
  /**
   * Every sign-in attempt, all clients together (ASVS 2.4.1: anti-automation on a costly
   * function): a capacity ceiling (each attempt costs one
   * Argon2 verification), sized above legitimate peaks, with a one-minute window and no block so
   * it lifts as soon as a flood stops. RATE_LIMIT_SIGN_IN_GLOBAL; 0 turns it off.
   */
  get signInGlobal(): RateLimitRule {
    return { name: "sign-in:all", limit: env.RATE_LIMIT_SIGN_IN_GLOBAL, windowSeconds: MINUTE };
  },
  /** Account creations from one client network. Needs a client IP. */
  signUpPerIp: {
    name: "sign-up:ip",
    limit: 20,
    windowSeconds: 60 * MINUTE,
    blockSeconds: 5 * MINUTE,
    maxBlockSeconds: 60 * MINUTE,
  },
  /** Account creations, all clients together (RATE_LIMIT_SIGN_UP_GLOBAL per minute; 0: off). */
  get signUpGlobal(): RateLimitRule {
    return { name: "sign-up:all", limit: env.RATE_LIMIT_SIGN_UP_GLOBAL, windowSeconds: MINUTE };
  },
  /**
   * Requests per API key (API_KEY_RATE_LIMIT per minute; 0: off), whichever hosts send them: a
   * leaked key or a runaway script is bounded, and the owner's other keys and sign-ins are not
   * touched. No block: it lifts when the minute ends (ASVS 2.4.1). Counted on every request, so
   * the budget is leased (./lease.ts): an instance takes up to 10 hits (a sixtieth of the limit)
   * per store write. A key can then be refused a little before its limit (hits another instance
   * leased and did not use), never allowed past it.
   */
  get apiKeyPerKey(): RateLimitRule {
    const limit = env.API_KEY_RATE_LIMIT;
    const lease = Math.min(10, Math.max(1, Math.floor(limit / 60)));
    return { name: "api-key:key", limit, windowSeconds: MINUTE, lease };
  },
  /** Wrong current passwords per user: a stolen session must not become a password oracle. */
  passwordChangePerUser: {
    name: "password-change:user",
    limit: 5,
    windowSeconds: 15 * MINUTE,
    blockSeconds: 30,
    maxBlockSeconds: 15 * MINUTE,
  },
} satisfies Record<string, RateLimitRule>;

// One pair of limiters per rule name, on the configured store, kept for the process.
const limiters = new Map<string, RuleLimiter>();

function limiterFor(rule: RateLimitRule): RuleLimiter {
  let limiter = limiters.get(rule.name);
  if (!limiter) {
    limiter = new RuleLimiter(rule, configuredRateLimitStore());
    limiters.set(rule.name, limiter);
  }
  // The global ceilings come from the settings: the rule as read now.
  limiter.rule = rule;
  return limiter;
}

/** A rule whose limit is 0 is off: it always allows and stores nothing. */
const isOff = (rule: RateLimitRule) => rule.limit <= 0;

/** Counts one hit of `subject` under `rule`; answers whether this hit may proceed. */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
  return isOff(rule) ? { allowed: true } : limiterFor(rule).hit(subject);
}

/** Is `subject` over its limit right now? Reads only. */
export async function peekRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
  return isOff(rule) ? { allowed: true } : limiterFor(rule).peek(subject);
}

/** Takes back one hit (a legitimate one: the owner's successful sign-in). */
export async function refundRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  if (!isOff(rule)) await limiterFor(rule).refund(subject);
}

/** Forgets a subject: window, block and back-off (e.g. a client's failures once it signs in). */
export async function resetRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  if (!isOff(rule)) await limiterFor(rule).reset(subject);
}
