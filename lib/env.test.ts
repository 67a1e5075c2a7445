import { describe, expect, it } from "vitest";
import { EnvError, checkSecret, parseEnv } from "./env";

const strong = "k3Jd9sL0qPzX7vBn2MwE5rTy8uIo1aSd";

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("fills sensible defaults for development", () => {
    const env = parseEnv({ SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong });
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.db");
    expect(env.databaseProvider).toBe("sqlite");
    expect(env.SESSION_IDLE_TIMEOUT).toBe(1800);
    expect(env.SESSION_ABSOLUTE_TIMEOUT).toBe(604800);
    expect(env.JWT_ACCESS_TTL).toBe(300);
    expect(env.JWT_ALGORITHM).toBe("ES256");
    expect(env.JWT_DENYLIST).toBe(false);
    expect(env.isProduction).toBe(false);
  });

  it("recognises Postgres URLs and rejects other schemes", () => {
    const base = { SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong };
    expect(parseEnv({ ...base, DATABASE_URL: "postgres://u@127.0.0.1/db" }).databaseProvider).toBe(
      "postgres",
    );
    expect(problemsOf({ ...base, DATABASE_URL: "mysql://u@127.0.0.1/db" })).toEqual([
      expect.stringContaining("DATABASE_URL"),
    ]);
  });

  it("in production, names every missing secret", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toEqual([
      "SESSION_SECRET is not set",
      "JWT_KEYS_SECRET is not set",
      "AUTH_SECRET is not set",
    ]);
  });

  it("in production, refuses short and placeholder secrets", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      SESSION_SECRET: "too-short",
      JWT_KEYS_SECRET: "change-me-change-me-change-me-change-me",
      AUTH_SECRET: strong,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^SESSION_SECRET is too short/),
      expect.stringMatching(/^JWT_KEYS_SECRET is too weak/),
    ]);
  });

  it("in production, refuses an APP_URL over plain http except on loopback (cookies would not be Secure)", () => {
    const production = {
      NODE_ENV: "production",
      SESSION_SECRET: strong,
      JWT_KEYS_SECRET: strong,
      AUTH_SECRET: strong,
    };
    expect(problemsOf({ ...production, APP_URL: "http://authlab.example.com" })).toEqual([
      expect.stringMatching(/^APP_URL must be https in production/),
    ]);
    for (const url of [
      "https://authlab.example.com",
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
    ]) {
      expect(problemsOf({ ...production, APP_URL: url })).toEqual([]);
    }
    expect(
      problemsOf({ ...production, NODE_ENV: "development", APP_URL: "http://192.168.1.20:3000" }),
    ).toEqual([]);
  });

  it("does not need secrets while `next build` compiles", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  it("rejects out-of-range numbers and inconsistent lifetimes", () => {
    const base = { SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong };
    expect(problemsOf({ ...base, JWT_ACCESS_TTL: "-5" })).toEqual([
      expect.stringContaining("JWT_ACCESS_TTL"),
    ]);
    expect(problemsOf({ ...base, SESSION_IDLE_TIMEOUT: "7200", SESSION_ABSOLUTE_TIMEOUT: "3600" })).toEqual([
      "SESSION_ABSOLUTE_TIMEOUT must be at least SESSION_IDLE_TIMEOUT",
    ]);
  });
});

describe("checkSecret", () => {
  it("accepts 32+ varied characters and names what is wrong otherwise", () => {
    expect(checkSecret(strong)).toBeNull();
    expect(checkSecret(undefined)).toBe("missing");
    expect(checkSecret("abc")).toBe("short");
    expect(checkSecret("a".repeat(40))).toBe("weak");
  });
});

describe(".env.example", () => {
  it("parses as a whole once the secrets are filled in", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const values = Object.fromEntries(
      [...text.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
    );
    const env = parseEnv({ ...values, SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong });
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.AUTH_OIDC_ISSUER).toBeUndefined();
    expect(env.JWT_DENYLIST).toBe(false);
  });
});
