import { afterAll } from "vitest";

// Each test file runs in its own worker with its own database connections; close them so
// Postgres pools do not outlive the file.
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db");
  await disconnectDatabase();
  const { disconnectRedis } = await import("@/lib/redis/client");
  await disconnectRedis();
});
