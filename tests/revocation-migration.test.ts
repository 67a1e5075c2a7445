// The data migration that rewrites legacy revocation reasons, run on a database that has the
// migrations before it and rows as the old code wrote them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { isRevocationReason } from "@/lib/revocation/reasons";

const dir = join(import.meta.dirname, "..", "prisma/migrations/sqlite");
const migrations = readdirSync(dir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const target = migrations.find((name) => name.endsWith("_revocation_reason_codes"))!;
const sql = (name: string) => readFileSync(join(dir, name, "migration.sql"), "utf8");

describe("the revocation_reason_codes migration", () => {
  it("rewrites every legacy spelling to its code and revokes the tokens of revoked families", () => {
    const sqlite = new Database(":memory:");
    for (const name of migrations.filter((name) => name < target)) sqlite.exec(sql(name));
    const now = new Date().toISOString();
    sqlite
      .prepare(`INSERT INTO users (id, email, createdAt, updatedAt) VALUES ('u', 'u@x', ?, ?)`)
      .run(now, now);
    const session = sqlite.prepare(
      `INSERT INTO server_sessions (id, tokenHash, userId, idleExpiresAt, absoluteExpiresAt, revokedAt, revokedReason)
       VALUES (?, ?, 'u', ?, ?, ?, ?)`,
    );
    session.run("s1", "h1", now, now, now, "user disabled");
    session.run("s2", "h2", now, now, now, "signed_out_everywhere");
    const family = sqlite.prepare(
      `INSERT INTO refresh_token_families (id, userId, absoluteExpiresAt, revokedAt, revokedReason) VALUES (?, 'u', ?, ?, ?)`,
    );
    family.run("f1", now, now, "reuse detected");
    family.run("f2", now, now, "revoked by client");
    family.run("f3", now, null, null);
    const token = sqlite.prepare(
      `INSERT INTO refresh_tokens (id, tokenHash, familyId, userId, expiresAt, revokedAt, revokedReason)
       VALUES (?, ?, ?, 'u', ?, ?, ?)`,
    );
    token.run("t1", "th1", "f1", now, now, "reuse detected");
    token.run("t2", "th2", "f2", now, null, null); // the "current" token of a revoked family
    token.run("t3", "th3", "f3", now, null, null); // a live family's token stays live

    sqlite.exec(sql(target));

    const reasons = (table: string) =>
      sqlite.prepare(`SELECT id, revokedReason AS reason FROM ${table} ORDER BY id`).all() as {
        id: string;
        reason: string | null;
      }[];
    expect(reasons("server_sessions")).toEqual([
      { id: "s1", reason: "user_disabled" },
      { id: "s2", reason: "signed_out_everywhere" },
    ]);
    expect(reasons("refresh_token_families").map((row) => row.reason)).toEqual([
      "reuse_detected",
      "revoked_by_client",
      null,
    ]);
    expect(reasons("refresh_tokens")).toEqual([
      { id: "t1", reason: "reuse_detected" },
      { id: "t2", reason: "revoked_by_client" },
      { id: "t3", reason: null },
    ]);
    const stored = [...reasons("server_sessions"), ...reasons("refresh_tokens")].flatMap((row) =>
      row.reason ? [row.reason] : [],
    );
    expect(stored.every(isRevocationReason)).toBe(true);
    const t2 = sqlite.prepare(`SELECT revokedAt FROM refresh_tokens WHERE id = 't2'`).get() as {
      revokedAt: unknown;
    };
    expect(t2.revokedAt).not.toBeNull();
  });
});
