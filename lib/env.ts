// The only module that reads process.env. Every setting is validated here with zod, once, on
// first use, so a bad value fails loudly with the variable's name instead of deep inside a mode.
//
// Not marked `server-only`: the Prisma config and the CLI scripts share the database part
// (readDatabaseEnv). Next inlines only NEXT_PUBLIC_* variables into browser bundles, so a client
// import of this module would see no secrets, fail validation and surface at once.
import { z } from "zod";
import {
  databaseProblem,
  type Deployment,
  isVercelDeployment,
  resolveDatabaseUrls,
  resolveDeployment,
  vercelSchema,
  vercelTargetOf,
} from "./vercel";
import { productionProblems } from "./env-checks";
import {
  DAY,
  flag,
  optional,
  optionalCount,
  optionalFlag,
  optionalHttpUrl,
  secret,
  seconds,
} from "./env-fields";
import { resolveSecrets, type SecretName } from "./secrets";

export { checkSecret, SECRET_NAMES, splitSecretList, type SecretName, type SecretProblem } from "./secrets";

const schema = vercelSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Set by `next build`; secrets are not needed to compile. */
  NEXT_PHASE: optional,

  /** Unset: derived from Vercel's URLs on a deployment, else http://localhost:3000. */
  APP_URL: optionalHttpUrl,
  /** Auth.js reads it itself; authlab only checks it agrees with APP_URL. */
  AUTH_URL: optionalHttpUrl,
  DATABASE_URL: optional,
  DATABASE_POOL_MAX: optionalCount(100),
  DATABASE_POOL_IDLE_TIMEOUT: optionalCount(600),
  /**
   * Set: sessions, rate-limit counters and the JWT deny-list live in Redis (lib/redis); unset (or
   * empty): in the database. redis:// or rediss:// (TLS), with a password and DB index if needed.
   */
  REDIS_URL: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.url({ protocol: /^rediss?$/ }).optional(),
  ),
  /** Production must say it explicitly (unset is refused): it decides what rate limits key on. */
  TRUST_PROXY: optionalFlag,
  // ---- Rate limits (lib/security/rate-limit): capacity ceilings across all clients, per minute.
  RATE_LIMIT_SIGN_IN_GLOBAL: z.coerce.number().int().min(0).max(1_000_000).default(600),
  RATE_LIMIT_SIGN_UP_GLOBAL: z.coerce.number().int().min(0).max(1_000_000).default(60),
  // ---- API keys (lib/apikey) and recent authentication ("sudo mode")
  API_KEYS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  API_KEY_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
  STEP_UP_WINDOW: seconds(10 * 60, DAY),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),

  SESSION_SECRET: secret,
  SESSION_IDLE_TIMEOUT: seconds(30 * 60),
  SESSION_ABSOLUTE_TIMEOUT: seconds(7 * DAY),

  JWT_KEYS_SECRET: secret,
  JWT_ALGORITHM: z.enum(["ES256", "EdDSA"]).default("ES256"),
  JWT_ACCESS_TTL: seconds(5 * 60, DAY),
  JWT_REFRESH_IDLE_TTL: seconds(7 * DAY),
  JWT_REFRESH_ABSOLUTE_TTL: seconds(30 * DAY),
  JWT_KEY_ROTATION_INTERVAL: seconds(30 * DAY),
  JWT_CLOCK_SKEW: z.coerce.number().int().min(0).max(60).default(5),
  JWT_DENYLIST: flag,

  AUTH_SECRET: secret,
  AUTH_GITHUB_ID: optional,
  AUTH_GITHUB_SECRET: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  AUTH_OIDC_ISSUER: optionalHttpUrl,
  AUTH_OIDC_ID: optional,
  AUTH_OIDC_SECRET: optional,
  AUTH_OIDC_NAME: z.string().trim().min(1).default("OpenID Connect"),
  AUTH_DEMO_IDP: flag,
  DEMO_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3555),
  // ---- OAuth mode
  /** Auth.js database session lifetime. */
  AUTH_SESSION_MAX_AGE: seconds(30 * DAY),
  /** However much it is used, an Auth.js session ends this long after sign-in (ASVS 7.3.2). */
  AUTH_SESSION_ABSOLUTE_TIMEOUT: seconds(30 * DAY),
  /** GitHub Enterprise Server base URL (e.g. https://github.acme.test); the e2e tests point it at a stub. */
  AUTH_GITHUB_ENTERPRISE_URL: optionalHttpUrl,
  /** Test-only: Google's issuer, honoured only outside production or with AUTH_DEMO_IDP=1. */
  AUTH_GOOGLE_ISSUER: optionalHttpUrl,
  // ---- Housekeeping (lib/housekeeping, the purge job)
  /** Bearer secret Vercel Cron sends to /api/cron/purge; unset disables the route. */
  CRON_SECRET: optional,
  /** Audit events older than this many days are purged (ASVS 5.0 V14.2.7 retention). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // ---- Password hashing (lib/auth/hash-slots.ts)
  /** Argon2 hashes computed at once; default: cores - 1, at most the threadpool size - 2. */
  PASSWORD_HASH_CONCURRENCY: optionalCount(64),
  /** libuv's threadpool size, read by Node itself at start; authlab only sizes the above by it. */
  UV_THREADPOOL_SIZE: optionalCount(1024),
  // ---- Benchmarks (docs/benchmarks.md)
  /**
   * Set only by `npm run bench` on the server it starts: the bench endpoints answer. Anywhere
   * else they answer 404 (and a normal build does not even contain them).
   */
  BENCH: flag,
  // ---- Comparison lab (docs/lab.md)
  /**
   * Another instance of this deployment (same database, Redis and secrets; its own process), for
   * the scaling experiment. `npm run dev:peer` starts one on PORT+1. Unset: that experiment
   * explains what it needs instead of running.
   */
  LAB_PEER_URL: optionalHttpUrl,
});

type Parsed = z.infer<typeof schema>;
/** APP_URL, DATABASE_URL (the run-time one), the pool and TRUST_PROXY come resolved for the platform. */
export type Env = Omit<Parsed, SecretName | keyof Deployment> &
  /** Each secret's newest value: the one that seals, signs and encrypts. */
  Record<SecretName, string> & {
    /** Every listed value of each secret, newest first: all of them open, verify and decrypt. */
    secretLists: Record<SecretName, readonly string[]>;
  } & Omit<Deployment, "problems"> & { databaseProvider: DatabaseProvider; isProduction: boolean };

export type DatabaseProvider = "sqlite" | "postgres";

export function databaseProviderOf(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function describe(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export type ParseOptions = {
  /**
   * A server is starting (instrumentation's register(), `npm start`): NEXT_PHASE is ignored, so a
   * value left set in the run-time environment cannot skip the production checks. Only `next
   * build`, which sets it itself and never calls register(), compiles without secrets.
   */
  serving?: boolean;
};

/** Parses a given environment; exported for tests and scripts. */
export function parseEnv(source: Record<string, string | undefined>, options: ParseOptions = {}): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw new EnvError(describe(result.error.issues));
  const parsed = result.data;
  const isProduction = parsed.NODE_ENV === "production";
  const building = !options.serving && parsed.NEXT_PHASE === "phase-production-build";
  const { problems, ...deployment } = resolveDeployment(parsed);
  const {
    secrets,
    secretLists,
    problems: secretProblems,
  } = resolveSecrets(parsed, { isProduction, building });
  problems.push(...secretProblems);
  problems.push(
    ...productionProblems({
      ...parsed,
      APP_URL: deployment.APP_URL,
      appUrlSet: parsed.APP_URL !== undefined,
      deployed: isVercelDeployment(deployment.vercel),
      isProduction,
      building,
    }),
  );
  if (parsed.JWT_REFRESH_ABSOLUTE_TTL < parsed.JWT_REFRESH_IDLE_TTL) {
    problems.push("JWT_REFRESH_ABSOLUTE_TTL must be at least JWT_REFRESH_IDLE_TTL");
  }
  if (parsed.SESSION_ABSOLUTE_TIMEOUT < parsed.SESSION_IDLE_TIMEOUT) {
    problems.push("SESSION_ABSOLUTE_TIMEOUT must be at least SESSION_IDLE_TIMEOUT");
  }
  if (problems.length > 0) throw new EnvError(problems);

  return {
    ...parsed,
    ...secrets,
    secretLists,
    ...deployment,
    databaseProvider: databaseProviderOf(deployment.DATABASE_URL),
    isProduction,
  };
}

let cached: Env | undefined;

let cachedServing = false;

/**
 * The validated settings; throws EnvError naming every bad variable. `serving` (server start)
 * parses again if the cached settings were read as a build's.
 */
export function loadEnv(options: ParseOptions = {}): Env {
  if (!cached || (options.serving && !cachedServing)) {
    cached = parseEnv(process.env, options);
    cachedServing = Boolean(options.serving);
  }
  return cached;
}

/**
 * The validated settings, parsed on first property access so importing a module never throws
 * at build time.
 */
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => loadEnv()[key as keyof Env],
});

/**
 * Only what the database tooling needs, no secrets (prisma.config.ts, migrations): the direct
 * URL, since tools hold one connection and a transaction pooler would break the migration lock.
 * Refuses what the app itself would refuse (a bad URL, SQLite on a Vercel deployment).
 */
export function readDatabaseEnv(): { url: string; provider: DatabaseProvider } {
  const source = vercelSchema.parse(process.env);
  const database = resolveDatabaseUrls({ ...source, DATABASE_URL: process.env.DATABASE_URL });
  // A forced provider is `prisma generate` at install time: it never connects.
  const forced = process.env.AUTHLAB_DB_PROVIDER;
  const generating = forced === "sqlite" || forced === "postgres";
  const problem = databaseProblem(database, generating ? null : vercelTargetOf(source));
  if (problem) throw new EnvError([problem]);
  const url = database.migrationUrl;
  return { url, provider: generating ? forced : databaseProviderOf(url) };
}

/** Drops the cached settings; tests use it after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
