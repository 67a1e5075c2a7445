import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSecret } from "@/lib/env";
import { ensureDevSecrets } from "@/scripts/lib/dev-secrets";

describe("ensureDevSecrets", () => {
  it("refuses to run on a Vercel deployment and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "authlab-secrets-"));
    for (const VERCEL_ENV of ["production", "preview"]) {
      expect(() => ensureDevSecrets(dir, { VERCEL: "1", VERCEL_ENV })).toThrow(/Vercel project's settings/);
    }
    expect(existsSync(join(dir, ".env.local"))).toBe(false);
    // `vercel dev` is your own machine.
    expect(ensureDevSecrets(dir, { VERCEL: "1", VERCEL_ENV: "development" })).toHaveLength(3);
  });

  it("generates every secret on the first run and reuses them on the next", () => {
    const dir = mkdtempSync(join(tmpdir(), "authlab-secrets-"));
    expect(ensureDevSecrets(dir, {})).toEqual(["SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET"]);
    const first = readFileSync(join(dir, ".env.local"), "utf8");
    for (const name of ["SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET"]) {
      const value = new RegExp(`^${name}=(.+)$`, "m").exec(first)?.[1];
      expect(checkSecret(value)).toBeNull();
    }
    expect(statSync(join(dir, ".env.local")).mode & 0o777).toBe(0o600);

    expect(ensureDevSecrets(dir, {})).toEqual([]);
    expect(readFileSync(join(dir, ".env.local"), "utf8")).toBe(first);
  });

  it("keeps the developer's own settings and adds only what is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "authlab-secrets-"));
    writeFileSync(join(dir, ".env.local"), "DATABASE_URL=file:./prisma/mine.db\nAUTH_SECRET=short");
    expect(ensureDevSecrets(dir, { SESSION_SECRET: "v".repeat(8) + "Zx9!qW2#eR4$tY6^uI8&oP0*aS" })).toEqual([
      "JWT_KEYS_SECRET",
      "AUTH_SECRET",
    ]);
    const text = readFileSync(join(dir, ".env.local"), "utf8");
    expect(text.startsWith("DATABASE_URL=file:./prisma/mine.db\nAUTH_SECRET=short\n")).toBe(true);
    expect(text).not.toContain("SESSION_SECRET");
  });
});
