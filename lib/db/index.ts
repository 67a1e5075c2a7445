import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqliteFilePath } from "./sqlite-path";

/**
 * The two generated clients are built from the same models and expose the same API; the SQLite
 * one stands for both in types.
 */
export type Database = SqliteClient;
export type { Prisma } from "./generated/sqlite/client";

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;

function createClient(): Database {
  if (env.databaseProvider === "postgres") {
    // Sized per instance (DATABASE_POOL_MAX; small on Vercel, where many instances share the
    // database's connection limit), and idle connections let go of quickly.
    const adapter = new PrismaPg({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_MAX,
      idleTimeoutMillis: env.DATABASE_POOL_IDLE_TIMEOUT * 1000,
      // A database that stops answering (a partition drops packets instead of refusing them)
      // must become a 503 within seconds, not a request hanging until the TCP timeout: bounded
      // connect and query waits, which lib/db/errors.ts reads as "unavailable".
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    return new PostgresClient({ adapter }) as unknown as Database;
  }
  // A writer waits up to 5 s for SQLite's lock instead of failing at once under concurrency.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(env.DATABASE_URL), timeout: 5000 });
  return new SqliteClient({ adapter });
}

// One client per process, kept on globalThis so dev hot reloads do not open a pool each time.
const globalForDb = globalThis as typeof globalThis & { authlabDb?: Database };

function client(): Database {
  globalForDb.authlabDb ??= createClient();
  return globalForDb.authlabDb;
}

/** The Prisma client, created on first use (so importing it never needs the environment). */
export const db: Database = new Proxy({} as Database, {
  get(_target, key) {
    const instance = client();
    const value = Reflect.get(instance, key, instance) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(instance) : value;
  },
});

export function databaseProvider(): "sqlite" | "postgres" {
  return env.databaseProvider;
}

/** One round trip to the database: for /api/health. Throws when it cannot be reached. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
