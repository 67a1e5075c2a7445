// The data migration that stops keeping Auth.js credentials as issued, run on a database that has
// the migrations before it and rows as the old adapter wrote them (the same SQL runs on PostgreSQL).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "..", "prisma/migrations/sqlite");
const migrations = readdirSync(dir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const target = migrations.find((name) => name.endsWith("_authjs_token_storage"))!;
const sql = (name: string) => readFileSync(join(dir, name, "migration.sql"), "utf8");

describe("the authjs_token_storage migration", () => {
  it("deletes plaintext Auth.js sessions and clears provider tokens, keeping users and their links", () => {
    expect(target).toBeDefined();
    const sqlite = new Database(":memory:");
    for (const name of migrations.filter((name) => name < target)) sqlite.exec(sql(name));
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 86_400_000).toISOString();
    sqlite
      .prepare(`INSERT INTO users (id, email, createdAt, updatedAt) VALUES ('u', 'u@x', ?, ?)`)
      .run(now, now);
    sqlite
      .prepare(
        `INSERT INTO auth_sessions (id, sessionToken, userId, expires, createdAt, updatedAt)
         VALUES ('s1', 'a-plaintext-token', 'u', ?, ?, ?)`,
      )
      .run(later, now, now);
    const account = sqlite.prepare(
      `INSERT INTO accounts (id, userId, type, provider, providerAccountId, refresh_token, access_token,
         expires_at, token_type, scope, id_token, session_state, createdAt, updatedAt)
       VALUES (?, 'u', 'oidc', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    account.run(
      "a1",
      "demo",
      "sub-1",
      "rt",
      "at",
      1_900_000_000,
      "bearer",
      "openid email",
      "h.p.s",
      "st",
      now,
      now,
    );
    account.run("a2", "github", "42", null, "gho_x", null, "bearer", "read:user", null, null, now, now);

    sqlite.exec(sql(target));

    expect(sqlite.prepare(`SELECT COUNT(*) AS n FROM auth_sessions`).get()).toEqual({ n: 0 });
    const accounts = sqlite
      .prepare(
        `SELECT id, provider, providerAccountId, scope, refresh_token, access_token, expires_at,
                token_type, id_token, session_state
         FROM accounts ORDER BY id`,
      )
      .all();
    const cleared = {
      refresh_token: null,
      access_token: null,
      expires_at: null,
      token_type: null,
      id_token: null,
      session_state: null,
    };
    expect(accounts).toEqual([
      { id: "a1", provider: "demo", providerAccountId: "sub-1", scope: "openid email", ...cleared },
      { id: "a2", provider: "github", providerAccountId: "42", scope: "read:user", ...cleared },
    ]);
    expect(sqlite.prepare(`SELECT id FROM users`).all()).toEqual([{ id: "u" }]);
  });
});
