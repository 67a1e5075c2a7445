import "server-only";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { redisClient, redisReady } from "@/lib/redis/client";

type Limiter = RateLimiterRedis;

/**
 * rate-limiter-flexible's own Redis store on the process's one ioredis client (lib/redis). Each
 * call first waits for this process's first connection (a request right after start-up); once
 * connected, a Redis that is down refuses at once (`rejectIfRedisNotReady`, no offline queue):
 * 503 upstream, never a hit let through uncounted.
 */
export class RateLimiterRedisStore extends RateLimiterRedis {
  constructor(options: { keyPrefix: string; points: number; duration: number }) {
    super({
      ...options,
      keyPrefix: `authlab:rate-limit:${options.keyPrefix}`,
      storeClient: redisClient(),
      rejectIfRedisNotReady: true,
    });
  }

  override async consume(...args: Parameters<Limiter["consume"]>) {
    await redisReady();
    return super.consume(...args);
  }

  override async penalty(...args: Parameters<Limiter["penalty"]>) {
    await redisReady();
    return super.penalty(...args);
  }

  override async reward(...args: Parameters<Limiter["reward"]>) {
    await redisReady();
    return super.reward(...args);
  }

  override async block(...args: Parameters<Limiter["block"]>) {
    await redisReady();
    return super.block(...args);
  }

  override async get(...args: Parameters<Limiter["get"]>) {
    await redisReady();
    return super.get(...args);
  }

  override async delete(...args: Parameters<Limiter["delete"]>) {
    await redisReady();
    return super.delete(...args);
  }
}
