import { databaseProvider, pingDatabase } from "@/lib/db";
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/errors";
import { retryAfter } from "@/lib/http/errors";
import { jsonError, jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { logger } from "@/lib/log";
import { pingRedis, redisConfigured } from "@/lib/redis/client";

export const dynamic = "force-dynamic";

export const GET = route("health", async () => {
  const database = databaseProvider();
  try {
    await pingDatabase();
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    logger.error("health: database unreachable", { database, error });
    return jsonError(
      503,
      "database_unreachable",
      `The ${database} database is not reachable.`,
      retryAfter(RETRY_AFTER_SECONDS),
    );
  }
  // With REDIS_URL, sessions, rate limits and the deny-list need Redis too.
  if (redisConfigured()) {
    try {
      await pingRedis();
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      return jsonError(503, "redis_unreachable", "Redis is not reachable.", retryAfter(RETRY_AFTER_SECONDS));
    }
  }
  return jsonOk({ status: "ok", database });
});
