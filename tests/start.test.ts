import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

describe("npm start in production", () => {
  it("refuses to start with weak secrets and names every one", () => {
    // Explicit weak values: a developer's .env.local never overrides variables already set.
    const result = spawnSync(join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        SESSION_SECRET: "short",
        JWT_KEYS_SECRET: "change-me-change-me-change-me-change-me",
        AUTH_SECRET: "x",
        PORT: "3999",
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("authlab: refusing to start.");
    expect(result.stderr).toContain("SESSION_SECRET is too short");
    expect(result.stderr).toContain("JWT_KEYS_SECRET is too weak");
    expect(result.stderr).toContain("AUTH_SECRET is too short");
    expect(result.stderr).not.toContain("change-me-change-me");
  });
});
