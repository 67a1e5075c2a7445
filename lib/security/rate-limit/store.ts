import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterDatabase } from "./database-store";

/**
 * Where rate-limit counters live. `database` (the default, SQLite or PostgreSQL, shared by every
 * instance); `memory` is one process's own (the store-independent test suite runs on it too). A
 * Redis store joins here as one more case (`RateLimiterRedis` on the ioredis client) selected by
 * REDIS_URL: the rules and their callers do not change.
 */
export type RateLimitStore = "database" | "memory";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/** The store this process uses, from its configuration. */
export function configuredRateLimitStore(): RateLimitStore {
  return "database";
}

/** One rate-limiter-flexible limiter on `store`. */
export function createLimiter(store: RateLimitStore, options: LimiterOptions): RateLimiterAbstract {
  switch (store) {
    case "memory":
      return new RateLimiterMemory(options);
    case "database":
      return new RateLimiterDatabase(options);
  }
}
