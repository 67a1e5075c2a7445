// A database of its own for a test file whose subject is global to the database (every stored
// signing key, every session secret), so other files running at the same time neither disturb
// it nor are disturbed. Call from beforeAll in a fresh worker, before anything uses the database.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { Client } from "pg";
import { resetEnvForTests } from "@/lib/env";
import { migrateDatabase } from "@/scripts/lib/migrate";

/** Creates, migrates and selects a fresh database like the run's; returns its clean-up. */
export async function useIsolatedDatabase(label: string): Promise<() => Promise<void>> {
  const shared = process.env.DATABASE_URL!;
  const suffix = `${label}_${process.pid}_${Date.now()}`;
  let drop = async () => {};
  if (shared.startsWith("postgres")) {
    const url = new URL(shared);
    const name = `${url.pathname.slice(1)}_${suffix}`.slice(0, 63);
    const admin = () => new Client({ connectionString: shared });
    const run = async (sql: string) => {
      const client = admin();
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await run(`CREATE DATABASE "${name}"`);
    drop = () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    url.pathname = `/${name}`;
    vi.stubEnv("DATABASE_URL", url.toString());
  } else {
    vi.stubEnv("DATABASE_URL", `file:${join(tmpdir(), `authlab-vitest-${suffix}.db`)}`);
  }
  resetEnvForTests();
  if (!migrateDatabase({ quiet: true })) throw new Error("isolated database: migration failed");
  return async () => {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await drop();
  };
}
