// Direct access to the e2e server's database, so specs can assert real rows and fixtures can seed
// users and sessions without the UI. SQL uses `?` placeholders and quoted identifiers, which both
// engines accept once placeholders are numbered for Postgres.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Pool, types } from "pg";
import { E2E_PORT } from "./server-config";

const postgresUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
let sqlite: Database.Database | undefined;
let pool: Pool | undefined;

// Prisma keeps DateTime as UTC: in Postgres `timestamp(3)` columns (which pg would read back as
// local time), in SQLite as ISO text with a `+00:00` offset (which SQL then compares as text).
const toDatabase = (value: unknown): unknown =>
  value instanceof Date
    ? postgresUrl
      ? value.toISOString()
      : value.toISOString().replace("Z", "+00:00")
    : value;
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text") =>
    oid === types.builtins.TIMESTAMP
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const bound = params.map(toDatabase);
  if (postgresUrl) {
    pool ??= new Pool({ connectionString: postgresUrl, max: 2, allowExitOnIdle: true, types: utcTimestamps });
    let index = 0;
    const result = await pool.query(
      sql.replace(/\?/g, () => `$${++index}`),
      bound,
    );
    return result.rows as T[];
  }
  sqlite ??= new Database(join(process.cwd(), "prisma", `e2e-${E2E_PORT}.db`), { timeout: 5000 });
  const statement = sqlite.prepare(sql);
  if (statement.reader) return statement.all(...bound) as T[];
  statement.run(...bound);
  return [];
}

/** A JSON column as an object: Postgres returns jsonb parsed, SQLite returns the text. */
export function jsonColumn(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

/** A DateTime column as a Date: Postgres returns one, SQLite returns ISO text. */
export function dateColumn(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * How the app stores a bearer token it issued (a session token, a refresh token): its SHA-256 in
 * hex, as lib/crypto/tokens.ts `hashToken` makes it (that module is server-only, so not imported).
 */
export function storedTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
