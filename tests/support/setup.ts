import { afterAll } from "vitest";

// Each test file runs in its own worker with its own Prisma client; close it so Postgres pools
// do not outlive the file.
afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
});
