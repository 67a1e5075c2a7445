// A fingerprint of the whole database: every table's row count and a hash of its rows. Used by
// tests that must prove a request changed nothing at all (tests/adversarial/); give such a file a
// database of its own (isolated-database.ts), or other files' writes would show up here.
import { createHash } from "node:crypto";
import { databaseProvider, db } from "@/lib/db";

export type DatabaseSnapshot = Record<string, { rows: number; hash: string }>;

const TABLES_SQL = {
  sqlite: `SELECT name AS "table" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  postgres: `SELECT table_name AS "table" FROM information_schema.tables
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

export async function databaseSnapshot(): Promise<DatabaseSnapshot> {
  const tables = await db.$queryRawUnsafe<{ table: string }[]>(TABLES_SQL[databaseProvider()]);
  const snapshot: DatabaseSnapshot = {};
  for (const { table } of tables.sort((a, b) => a.table.localeCompare(b.table))) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    const hash = createHash("sha256");
    for (const line of rows.map(canonicalRow).sort()) hash.update(line).update("\n");
    snapshot[table] = { rows: rows.length, hash: hash.digest("hex") };
  }
  return snapshot;
}
