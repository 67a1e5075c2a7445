// Direct, read-mostly access to the e2e server's database, so specs can assert real rows (and
// seed users for flows another issue builds). SQL uses `?` placeholders and quoted identifiers,
// which both engines accept once placeholders are numbered for Postgres.
import Database from "better-sqlite3";
import { join } from "node:path";
import { Pool } from "pg";
import { E2E_PORT } from "./server-config";

const postgresUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
let sqlite: Database.Database | undefined;
let pool: Pool | undefined;

export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (postgresUrl) {
    pool ??= new Pool({ connectionString: postgresUrl, max: 2, allowExitOnIdle: true });
    let index = 0;
    const result = await pool.query(
      sql.replace(/\?/g, () => `$${++index}`),
      params,
    );
    return result.rows as T[];
  }
  sqlite ??= new Database(join(process.cwd(), "prisma", `e2e-${E2E_PORT}.db`), { timeout: 5000 });
  const statement = sqlite.prepare(sql);
  const bound = params.map((value) => (value instanceof Date ? value.toISOString() : value));
  if (statement.reader) return statement.all(...bound) as T[];
  statement.run(...bound);
  return [];
}

/** A JSON column as an object: Postgres returns jsonb parsed, SQLite returns the text. */
export function jsonColumn(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}
