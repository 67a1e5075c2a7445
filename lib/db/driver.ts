import "server-only";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg, { type Pool } from "pg";
import { timeStore } from "@/lib/timing";
import { refuseDuringOutageDrill } from "./outage-drill";

// Prepared reads straight through the database driver, for the per-request credential checks
// only. Measured on this app (docs/benchmarks.md), one indexed read costs ~5-20 µs this way
// against ~80-500 µs through `$queryRaw` and ~350-2000 µs through the ORM: Prisma's per-call
// work, not the database, dominated every check. Writes, transactions and everything off the
// hot path stay on Prisma.
//
// The SQL must run on both engines unchanged: `?` placeholders (numbered for PostgreSQL here),
// double-quoted identifiers, no engine-specific functions, and timestamps compared in
// JavaScript, not in SQL (Prisma stores DateTime as ISO-8601 text on SQLite and as
// `timestamp(3)` in UTC on PostgreSQL: see toDate()).

export type Row = Record<string, unknown>;

/** Runs one read and returns its rows as objects keyed by column name. */
export type Reader = {
  read(sql: string, params: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

/**
 * SQLite: a connection of its own beside Prisma's (only SELECTs go through it), with a
 * statement per SQL text. The database is in WAL mode (scripts/lib/migration-runner.ts), so a
 * read never waits for a writer's transaction.
 */
export function sqliteReader(path: string): Reader {
  let connection: Database.Database | null = null;
  const statements = new Map<string, Database.Statement>();
  return {
    async read(sql, params) {
      // Waits for a writer's lock as Prisma's connection does (lib/db/index.ts), then fails as
      // SQLITE_BUSY, which lib/db/errors.ts reads as "unavailable".
      connection ??= new Database(path, { fileMustExist: true, timeout: 5000 });
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as Row[];
    },
    async close() {
      connection?.close();
      connection = null;
      statements.clear();
    },
  };
}

// `timestamp without time zone` (OID 1114) holds UTC in Prisma's schema; pg would read it as
// local time. Parsed as UTC here, everything else as pg does by default.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? utcTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** PostgreSQL: the pool Prisma uses, with named (server-side prepared) statements. */
export function postgresReader(pool: Pool): Reader {
  const prepared = new Map<string, { name: string; text: string }>();
  return {
    async read(sql, params) {
      let statement = prepared.get(sql);
      if (!statement) {
        const name = `authlab_${createHash("sha256").update(sql).digest("hex").slice(0, 16)}`;
        statement = { name, text: numbered(sql) };
        prepared.set(sql, statement);
      }
      const result = await pool.query<Row>({ ...statement, values: [...params], types });
      return result.rows;
    },
    async close() {
      await pool.end();
    },
  };
}

/** A timed read: one round trip, reported to the request's Server-Timing. */
export function timedRead(reader: Reader, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return timeStore(async () => {
    refuseDuringOutageDrill();
    return reader.read(sql, params);
  });
}

/**
 * A DateTime column as either engine returns it through the driver: a Date (PostgreSQL),
 * ISO-8601 text (what Prisma writes on SQLite), `YYYY-MM-DD HH:MM:SS` (SQLite's own
 * CURRENT_TIMESTAMP, UTC) or epoch milliseconds.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  if (typeof value === "string") {
    const plain = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
    const date = new Date(plain ? `${value.replace(" ", "T")}Z` : value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error("driver: unreadable timestamp");
}

/** A timestamp that must be there (NOT NULL columns). */
export function requiredDate(value: unknown): Date {
  const date = toDate(value);
  if (!date) throw new Error("driver: missing timestamp");
  return date;
}

/**
 * The user of a credential read joined with `users` (`u."email", u."name", u."image",
 * u."disabledAt"`), as every per-request check reports it.
 */
export function joinedUser(
  row: Row,
  userId: string,
): { id: string; email: string; name: string | null; image: string | null; disabledAt: Date | null } {
  return {
    id: userId,
    email: String(row.email),
    name: textOrNull(row.name),
    image: textOrNull(row.image),
    disabledAt: toDate(row.disabledAt),
  };
}

/** A nullable text column. */
export function textOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
