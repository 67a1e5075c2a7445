import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { postgresReader, type Reader, type Row, sqliteReader, timedRead } from "./driver";
import { withStoreTiming } from "./instrument";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqliteFilePath } from "./sqlite-path";

/**
 * The two generated clients are built from the same models and expose the same API; the SQLite
 * one stands for both in types.
 */
export type Database = SqliteClient;
export type { Prisma } from "./generated/sqlite/client";
export { joinedUser, requiredDate, type Row, textOrNull, toDate } from "./driver";

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;

type Connections = { client: Database; reader: Reader };

function connect(): Connections {
  if (env.databaseProvider === "postgres") {
    // One pool per instance, shared by Prisma and the prepared reads (lib/db/driver.ts). Sized
    // per instance (DATABASE_POOL_MAX; small on Vercel, where many instances share the
    // database's connection limit), and idle connections let go of quickly.
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_MAX,
      idleTimeoutMillis: env.DATABASE_POOL_IDLE_TIMEOUT * 1000,
      // A database that stops answering (a partition drops packets instead of refusing them)
      // must become a 503 within seconds, not a request hanging until the TCP timeout: bounded
      // connect and query waits, which lib/db/errors.ts reads as "unavailable".
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    // An idle connection the server dropped must not crash the process; the next query reconnects.
    pool.on("error", (error) => logger.warn("db: idle connection lost", { error }));
    const adapter = withStoreTiming(new PrismaPg(pool));
    return { client: new PostgresClient({ adapter }) as unknown as Database, reader: postgresReader(pool) };
  }
  // A writer waits up to 5 s for SQLite's lock instead of failing at once under concurrency.
  const path = sqliteFilePath(env.DATABASE_URL);
  const adapter = withStoreTiming(new PrismaBetterSQLite3({ url: path, timeout: 5000 }));
  return { client: new SqliteClient({ adapter }), reader: sqliteReader(path) };
}

// One client per process, kept on globalThis so dev hot reloads do not open a pool each time
// (and so tests can swap it for one that refuses every use: tests/support/no-database.ts).
const globalForDb = globalThis as typeof globalThis & { authlabDb?: Database; authlabDbReader?: Reader };

function client(): Database {
  if (!globalForDb.authlabDb) {
    const connections = connect();
    globalForDb.authlabDb = connections.client;
    globalForDb.authlabDbReader = connections.reader;
  }
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

/**
 * One prepared read through the driver (no ORM), timed for Server-Timing: for the per-request
 * credential checks only (lib/db/driver.ts says why and how to write the SQL).
 */
export function readRows(sql: string, params: readonly unknown[]): Promise<Row[]> {
  client();
  return timedRead(globalForDb.authlabDbReader!, sql, params);
}

/** Closes Prisma and the driver's reader (tests, scripts): nothing keeps the process alive. */
export async function disconnectDatabase(): Promise<void> {
  const { authlabDb, authlabDbReader } = globalForDb;
  globalForDb.authlabDb = undefined;
  globalForDb.authlabDbReader = undefined;
  await authlabDb?.$disconnect();
  await authlabDbReader?.close();
}

export function databaseProvider(): "sqlite" | "postgres" {
  return env.databaseProvider;
}

/** One round trip to the database: for /api/health. Throws when it cannot be reached. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
