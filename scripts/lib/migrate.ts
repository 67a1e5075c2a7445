import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { dirname } from "node:path";
import { readDatabaseEnv } from "../../lib/env";
import { sqliteFilePath } from "../../lib/db/sqlite-path";
import { runPrisma } from "./prisma-cli";

/** Applies committed migrations (creating the SQLite file and its folder if needed). */
export function migrateDatabase({ quiet }: { quiet: boolean }): boolean {
  const database = readDatabaseEnv();
  if (database.provider === "sqlite") mkdirSync(dirname(sqliteFilePath(database.url)), { recursive: true });
  const result = runPrisma(["migrate", "deploy"], { quiet: true });
  if (result.status !== 0) {
    process.stderr.write(
      `Database migration failed (${database.provider}):\n${result.stderr}${result.stdout}`,
    );
    return false;
  }
  if (database.provider === "sqlite") {
    // WAL lets readers work while one writer commits; the mode is stored in the file itself.
    const sqlite = new Database(sqliteFilePath(database.url));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
  if (!quiet) process.stdout.write(result.stdout);
  return true;
}
