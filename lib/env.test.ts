import { afterEach, describe, expect, it, vi } from "vitest";
import { EnvError, checkSecret, parseEnv, readDatabaseEnv } from "./env";

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

  it("takes a redis:// or rediss:// REDIS_URL, treats empty as unset, and names anything else", () => {
    const base = { SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong };
    expect(parseEnv({ ...base, REDIS_URL: "redis://:pw@127.0.0.1:6379/5" }).REDIS_URL).toBe(
      "redis://:pw@127.0.0.1:6379/5",
    );
    expect(parseEnv({ ...base, REDIS_URL: "rediss://cache.example.test:6380" }).REDIS_URL).toBeDefined();
    expect(parseEnv({ ...base, REDIS_URL: "" }).REDIS_URL).toBeUndefined();
    for (const bad of ["http://127.0.0.1:6379", "127.0.0.1:6379"]) {
      expect(problemsOf({ ...base, REDIS_URL: bad })).toEqual([expect.stringContaining("REDIS_URL")]);
    }
  });

  it("in production, names every missing secret", () => {
    const problems = problemsOf({ NODE_ENV: "production", TRUST_PROXY: "1", APP_URL: "https://a.example" });
    expect(problems).toEqual([
      "SESSION_SECRET is not set",
      "JWT_KEYS_SECRET is not set",
      "AUTH_SECRET is not set",
    ]);
  });

  it("in production, refuses short and placeholder secrets", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      TRUST_PROXY: "0",
      APP_URL: "https://authlab.example.com",
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
      TRUST_PROXY: "1",
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

  it("in production, refuses to guess TRUST_PROXY: it decides what rate limits key on (ASVS 6.1.1)", () => {
    const production = {
      NODE_ENV: "production",
      APP_URL: "https://authlab.example.com",
      SESSION_SECRET: strong,
      JWT_KEYS_SECRET: strong,
      AUTH_SECRET: strong,
    };
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(/^TRUST_PROXY must be set in production: 1 behind/),
    ]);
    expect(parseEnv({ ...production, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ ...production, TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    // An empty value (as .env.example leaves it) is not a choice.
    expect(problemsOf({ ...production, TRUST_PROXY: "" })).toEqual([expect.stringContaining("TRUST_PROXY")]);
    // Development keeps its default: no proxy, no client IP.
    expect(parseEnv({ ...production, NODE_ENV: "development" }).TRUST_PROXY).toBe(false);
  });

  it("does not need secrets while `next build` compiles", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  const complete = {
    NODE_ENV: "production",
    TRUST_PROXY: "1",
    APP_URL: "https://authlab.example.com",
    SESSION_SECRET: strong,
    JWT_KEYS_SECRET: strong,
    AUTH_SECRET: strong,
  };

  it("ignores a NEXT_PHASE left set when a server starts: the secret checks still run", () => {
    const leftOver = { NODE_ENV: "production", TRUST_PROXY: "1", NEXT_PHASE: "phase-production-build" };
    expect(problemsOf(leftOver)).toEqual([]);
    expect(() => parseEnv(leftOver, { serving: true })).toThrow(EnvError);
    try {
      parseEnv(leftOver, { serving: true });
    } catch (error) {
      expect((error as EnvError).problems).toEqual([
        "SESSION_SECRET is not set",
        "JWT_KEYS_SECRET is not set",
        "AUTH_SECRET is not set",
        expect.stringMatching(/^APP_URL must be set in production/),
      ]);
    }
    expect(() =>
      parseEnv({ ...complete, NEXT_PHASE: "phase-production-build" }, { serving: true }),
    ).not.toThrow();
  });

  it("in production, requires APP_URL: no localhost default", () => {
    expect(problemsOf({ ...complete, APP_URL: undefined })).toEqual([
      expect.stringMatching(/^APP_URL must be set in production/),
    ]);
    expect(problemsOf({ ...complete, APP_URL: "" })).toEqual([
      expect.stringMatching(/^APP_URL must be set in production/),
    ]);
    // Development keeps its default.
    expect(parseEnv({ ...complete, NODE_ENV: "development", APP_URL: undefined }).APP_URL).toBe(
      "http://localhost:3000",
    );
  });

  it("refuses AUTH_DEMO_IDP=1 unless APP_URL is loopback (the demo provider vouches for any email)", () => {
    for (const NODE_ENV of ["production", "development"]) {
      expect(problemsOf({ ...complete, NODE_ENV, AUTH_DEMO_IDP: "1" })).toEqual([
        expect.stringMatching(/^AUTH_DEMO_IDP=1 is only allowed when APP_URL is on loopback/),
      ]);
      for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
        expect(problemsOf({ ...complete, NODE_ENV, AUTH_DEMO_IDP: "1", APP_URL: url })).toEqual([]);
      }
    }
    expect(problemsOf({ ...complete, AUTH_DEMO_IDP: "1", APP_URL: "http://localhost.evil.example" })).toEqual(
      [
        expect.stringMatching(/^AUTH_DEMO_IDP=1/),
        expect.stringMatching(/^APP_URL must be https in production/),
      ],
    );
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

describe("secret lists (rotation)", () => {
  const older = "Zq8!pLm3#vNx6$rTb9&wKc2*yHd5@fGs";
  it("take each secret as a comma-separated list, newest first: the newest signs, all are kept", () => {
    const env = parseEnv({
      SESSION_SECRET: ` ${strong} , ${older} `,
      JWT_KEYS_SECRET: strong,
      AUTH_SECRET: strong,
    });
    expect(env.SESSION_SECRET).toBe(strong);
    expect(env.secretLists.SESSION_SECRET).toEqual([strong, older]);
    expect(env.secretLists.AUTH_SECRET).toEqual([strong]);
  });

  it("in production, check every listed secret and say which one is wrong", () => {
    const production = {
      NODE_ENV: "production",
      APP_URL: "https://authlab.example.com",
      TRUST_PROXY: "1",
      JWT_KEYS_SECRET: strong,
      AUTH_SECRET: strong,
    };
    expect(problemsOf({ ...production, SESSION_SECRET: `${strong},too-short` })).toEqual([
      "SESSION_SECRET (secret 2 of 2) is too short (32+ characters)",
    ]);
    expect(problemsOf({ ...production, SESSION_SECRET: ` , ` })).toEqual(["SESSION_SECRET is not set"]);
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

describe("on Vercel", () => {
  const pg = "postgres://u:p@pooler.db.example/app";
  const deployment = {
    NODE_ENV: "production",
    VERCEL: "1",
    SESSION_SECRET: strong,
    JWT_KEYS_SECRET: strong,
    AUTH_SECRET: strong,
    VERCEL_URL: "authlab-git-abc123-team.vercel.app",
    VERCEL_BRANCH_URL: "authlab-git-feature-team.vercel.app",
    VERCEL_PROJECT_PRODUCTION_URL: "authlab.example.com",
  };
  const production = { ...deployment, VERCEL_ENV: "production", DATABASE_URL: pg };
  const preview = { ...deployment, VERCEL_ENV: "preview", DATABASE_URL: pg };

  it("refuses the SQLite default and any file: URL, naming DATABASE_URL", () => {
    for (const DATABASE_URL of [undefined, "file:./prisma/dev.db", "file:/tmp/x.db"]) {
      expect(problemsOf({ ...production, DATABASE_URL })).toEqual([
        expect.stringMatching(
          /^DATABASE_URL: SQLite \(file:\) cannot run on Vercel: a serverless filesystem/,
        ),
      ]);
    }
    // Even while `next build` compiles: the build fails before anything is deployed.
    expect(problemsOf({ ...preview, DATABASE_URL: undefined, NEXT_PHASE: "phase-production-build" })).toEqual(
      [expect.stringContaining("DATABASE_URL")],
    );
    // `vercel dev` runs on your own machine, where SQLite is fine.
    expect(problemsOf({ ...deployment, NODE_ENV: "development", VERCEL_ENV: "development" })).toEqual([]);
  });

  it("takes the pooled URL a Postgres integration sets when DATABASE_URL is unset", () => {
    const integration = {
      ...production,
      DATABASE_URL: undefined,
      POSTGRES_URL: "postgres://u:p@pooled.example/app",
      POSTGRES_PRISMA_URL: "postgres://u:p@pooled.example/app?pgbouncer=true",
      POSTGRES_URL_NON_POOLING: "postgres://u:p@direct.example/app",
    };
    expect(parseEnv(integration)).toMatchObject({
      DATABASE_URL: "postgres://u:p@pooled.example/app",
      databaseProvider: "postgres",
    });
    expect(parseEnv({ ...integration, POSTGRES_URL: undefined }).DATABASE_URL).toBe(
      "postgres://u:p@pooled.example/app?pgbouncer=true",
    );
    expect(parseEnv({ ...integration, DATABASE_URL: pg }).DATABASE_URL).toBe(pg);
    expect(problemsOf({ ...integration, POSTGRES_URL: "mysql://u@h/app" })).toEqual([
      "POSTGRES_URL: must start with file: (SQLite) or postgres:// (PostgreSQL)",
    ]);
  });

  it("derives an https APP_URL: the production domain in production, the branch URL for previews", () => {
    expect(parseEnv(production).APP_URL).toBe("https://authlab.example.com");
    expect(parseEnv(preview).APP_URL).toBe("https://authlab-git-feature-team.vercel.app");
    expect(parseEnv({ ...preview, VERCEL_BRANCH_URL: undefined }).APP_URL).toBe(
      "https://authlab-git-abc123-team.vercel.app",
    );
    expect(parseEnv({ ...production, VERCEL_PROJECT_PRODUCTION_URL: undefined }).APP_URL).toBe(
      "https://authlab-git-abc123-team.vercel.app",
    );
    // An explicit APP_URL (a custom domain) always wins.
    expect(parseEnv({ ...preview, APP_URL: "https://preview.example.com" }).APP_URL).toBe(
      "https://preview.example.com",
    );
    expect(problemsOf({ ...production, AUTH_URL: "https://other.example.com" })).toEqual([
      "AUTH_URL must be unset or the same origin as APP_URL",
    ]);
    expect(problemsOf({ ...production, AUTH_URL: "https://authlab.example.com/api/auth" })).toEqual([]);
  });

  it("trusts X-Forwarded-For by default, refuses the demo provider, and keeps the pool small", () => {
    const env = parseEnv(production);
    expect(env).toMatchObject({ vercel: "production", TRUST_PROXY: true });
    expect(env).toMatchObject({ DATABASE_POOL_MAX: 5, DATABASE_POOL_IDLE_TIMEOUT: 5 });
    expect(parseEnv({ ...production, TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    // A deployment's APP_URL is never loopback: the demo provider is refused there.
    expect(problemsOf({ ...preview, AUTH_DEMO_IDP: "1" })).toEqual([
      expect.stringMatching(/^AUTH_DEMO_IDP=1/),
    ]);
    const tuned = parseEnv({ ...production, DATABASE_POOL_MAX: "2", DATABASE_POOL_IDLE_TIMEOUT: "1" });
    expect(tuned).toMatchObject({ DATABASE_POOL_MAX: 2, DATABASE_POOL_IDLE_TIMEOUT: 1 });
    expect(problemsOf({ ...production, DATABASE_POOL_MAX: "0" })).toEqual([
      expect.stringContaining("DATABASE_POOL_MAX"),
    ]);
    // Off Vercel: node-postgres's own defaults, and no proxy is trusted unless asked for.
    const local = parseEnv({ SESSION_SECRET: strong, JWT_KEYS_SECRET: strong, AUTH_SECRET: strong });
    expect(local).toMatchObject({ vercel: null, TRUST_PROXY: false, DATABASE_POOL_MAX: 10 });
    expect(local).toMatchObject({ DATABASE_POOL_IDLE_TIMEOUT: 10, APP_URL: "http://localhost:3000" });
  });
});

describe("readDatabaseEnv (migrations and the Prisma CLI)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("connects directly: the unpooled URL an integration sets, else DATABASE_URL", () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("POSTGRES_URL", "postgres://u:p@pooled.example/app");
    vi.stubEnv("POSTGRES_URL_NON_POOLING", "postgres://u:p@direct.example/app");
    expect(readDatabaseEnv()).toEqual({ url: "postgres://u:p@direct.example/app", provider: "postgres" });
    vi.stubEnv("DATABASE_URL_UNPOOLED", "postgres://u:p@unpooled.example/app");
    expect(readDatabaseEnv().url).toBe("postgres://u:p@unpooled.example/app");
    vi.stubEnv("DATABASE_URL_UNPOOLED", "");
    vi.stubEnv("POSTGRES_URL_NON_POOLING", "");
    expect(readDatabaseEnv().url).toBe("postgres://u:p@pooled.example/app");
  });

  it("refuses SQLite on a Vercel deployment, except for `prisma generate`, which never connects", () => {
    vi.stubEnv("VERCEL", "1");
    vi.stubEnv("VERCEL_ENV", "production");
    vi.stubEnv("DATABASE_URL", "file:./prisma/dev.db");
    expect(() => readDatabaseEnv()).toThrow(/DATABASE_URL: SQLite \(file:\) cannot run on Vercel/);
    vi.stubEnv("AUTHLAB_DB_PROVIDER", "sqlite");
    expect(readDatabaseEnv().provider).toBe("sqlite");
  });
});
