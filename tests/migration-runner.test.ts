import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function migrate(url: string) {
  return spawnSync(join(root, "node_modules/.bin/tsx"), ["scripts/lib/migration-runner.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
  });
}

describe("migration runner (SQLite)", () => {
  it("creates the database, applies every migration once, and refuses an edited one", () => {
    const file = join(mkdtempSync(join(tmpdir(), "authlab-migrate-")), "nested", "app.db");
    const first = migrate(`file:${file}`);
    expect(first.status).toBe(0);
    const committed = readdirSync(join(root, "prisma/migrations/sqlite"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(first.stdout).toContain(`Applied ${committed.length} migration(s): ${committed.join(", ")}`);

    const second = migrate(`file:${file}`);
    expect(second.stdout.trim()).toBe("Database is up to date.");

    const sqlite = new Database(file);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        "users",
        "server_sessions",
        "refresh_tokens",
        "signing_keys",
        "accounts",
        "audit_events",
      ]),
    );
    sqlite.prepare(`UPDATE "_prisma_migrations" SET checksum = 'tampered'`).run();
    sqlite.close();

    const third = migrate(`file:${file}`);
    expect(third.status).toBe(1);
    expect(third.stderr).toContain("20261122000000_init was changed after it was applied");
  }, 120_000); // three tsx processes: seconds alone, far more on a loaded machine
});
