// Applies prisma/migrations/<engine>/*/migration.sql in order, once each, recording them in
// Prisma's own `_prisma_migrations` table (same columns and checksums, so `prisma migrate deploy`
// would agree). Prisma 6.19's offline schema engine cannot run `migrate deploy` on Postgres
// through the pg adapter (it fails decoding pg_catalog `name` columns), so authlab applies its
// committed SQL itself, on both engines, the same way.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "../../lib/db/sqlite-path";
import { readDatabaseEnv } from "../../lib/env";
import { root } from "./prisma-cli";

type Migration = { name: string; sql: string; checksum: string };

function committedMigrations(engine: "sqlite" | "postgres"): Migration[] {
  const dir = join(root, "prisma/migrations", engine);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const TABLE_SQL = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

function checkApplied(applied: Map<string, string>, migrations: Migration[]): void {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`migration ${migration.name} was changed after it was applied (checksum mismatch)`);
    }
  }
}

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    // WAL lets readers work while one writer commits; the mode is stored in the file itself.
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(TABLE_SQL.sqlite);
    const done: string[] = [];
    // IMMEDIATE takes the write lock first, so two migrating processes run one after the other.
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const rows = sqlite
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
        .all() as { migration_name: string; checksum: string }[];
      const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      checkApplied(applied, migrations);
      for (const migration of migrations.filter((m) => !applied.has(m.name))) {
        sqlite.exec(migration.sql);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          )
          .run(randomUUID(), migration.checksum, migration.name);
        done.push(migration.name);
      }
      sqlite.exec("COMMIT");
    } catch (error) {
      sqlite.exec("ROLLBACK");
      throw error;
    }
    return done;
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes and machines.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(TABLE_SQL.postgres);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    checkApplied(applied, migrations);
    const done: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const database = readDatabaseEnv();
  const migrations = committedMigrations(database.provider);
  const done =
    database.provider === "sqlite"
      ? migrateSqlite(database.url, migrations)
      : await migratePostgres(database.url, migrations);
  console.log(
    done.length ? `Applied ${done.length} migration(s): ${done.join(", ")}` : "Database is up to date.",
  );
}

main().catch((error: unknown) => {
  // The message names the migration or the connection problem; no stack, no URL.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
