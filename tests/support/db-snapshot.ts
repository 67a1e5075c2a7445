// A fingerprint of the whole database: every table's row count and a hash of its rows. Used by
// tests that must prove a request changed nothing at all (tests/adversarial/); give such a file a
// database of its own (isolated-database.ts), or other files' writes would show up here.
import { createHash } from "node:crypto";
import { databaseProvider, db } from "@/lib/db";

export type DatabaseSnapshot = Record<string, { rows: number; hash: string }>;

const TABLES_SQL = {
  sqlite: `SELECT name AS "table" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  postgres: `SELECT table_name::text AS "table" FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
};

/** One canonical text per row: keys sorted, dates as ISO, bytes as hex, bigints as digits. */
function canonicalRow(row: Record<string, unknown>): string {
  const value = (cell: unknown): unknown => {
    if (cell instanceof Date) return cell.toISOString();
    if (typeof cell === "bigint") return cell.toString();
    if (cell instanceof Uint8Array) return Buffer.from(cell).toString("hex");
    return cell;
  };
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => [key, value(row[key])]),
  );
}

let tables: string[] | undefined;

/** The database's tables, read once per file (a test never adds one). */
async function tableNames(): Promise<string[]> {
  tables ??= (await db.$queryRawUnsafe<{ table: string }[]>(TABLES_SQL[databaseProvider()]))
    .map(({ table }) => table)
    .sort();
  return tables;
}

/**
 * PostgreSQL hashes on the server, every table in one round trip (a row's text form is its
 * canonical form there); SQLite is in-process, so its rows are read and hashed here.
 */
export async function databaseSnapshot(): Promise<DatabaseSnapshot> {
  const names = await tableNames();
  const snapshot: DatabaseSnapshot = {};
  if (databaseProvider() === "postgres") {
    const sql = names
      .map(
        (table, index) =>
          `SELECT ${index} AS "index", count(*)::int AS "rows",
             coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS "hash"
           FROM "${table}" t`,
      )
      .join(" UNION ALL ");
    const rows = await db.$queryRawUnsafe<{ index: number; rows: number; hash: string }[]>(sql);
    for (const row of rows) snapshot[names[row.index]!] = { rows: row.rows, hash: row.hash };
    return snapshot;
  }
  for (const table of names) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    const hash = createHash("sha256");
    for (const line of rows.map(canonicalRow).sort()) hash.update(line).update("\n");
    snapshot[table] = { rows: rows.length, hash: hash.digest("hex") };
  }
  return snapshot;
}
