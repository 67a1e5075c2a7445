import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { readDatabaseEnv } from "../../lib/env";
import { root } from "./prisma-cli";

/**
 * Applies committed migrations to DATABASE_URL (creating the SQLite file if needed). Synchronous
 * for its callers (dev, start, test setups): the runner is async, so it runs as a child process.
 */
export function migrateDatabase({ quiet }: { quiet: boolean }): boolean {
  const database = readDatabaseEnv();
  const result = spawnSync(
    join(root, "node_modules/.bin/tsx"),
    [join(root, "scripts/lib/migration-runner.ts")],
    {
      cwd: root,
      encoding: "utf8",
      env: process.env,
    },
  );
  if (result.status !== 0) {
    process.stderr.write(
      `Database migration failed (${database.provider}): ${result.stderr}${result.stdout}`,
    );
    return false;
  }
  if (!quiet) process.stdout.write(result.stdout);
  return true;
}
