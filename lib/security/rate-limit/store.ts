import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisConfigured } from "@/lib/redis/client";
import { RateLimiterDatabase } from "./database-store";
import { RateLimiterRedisStore } from "./redis-store";

/**
 * Where rate-limit counters live. `database` (the default, SQLite or PostgreSQL) and `redis`
 * (REDIS_URL set: rate-limiter-flexible's RateLimiterRedis on the one ioredis client) are shared
 * by every instance (ASVS 6.3.1 holds however many run); `memory` is one process's own (the
 * store-independent test suite runs on it too). The rules and their callers do not change.
 */
export type RateLimitStore = "database" | "redis" | "memory";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/** The store this process uses, from its configuration. */
export function configuredRateLimitStore(): RateLimitStore {
  return redisConfigured() ? "redis" : "database";
}

/** One rate-limiter-flexible limiter on `store`. */
export function createLimiter(store: RateLimitStore, options: LimiterOptions): RateLimiterAbstract {
  switch (store) {
    case "memory":
      return new RateLimiterMemory(options);
    case "database":
      return new RateLimiterDatabase(options);
    case "redis":
      return new RateLimiterRedisStore(options);
  }
}
