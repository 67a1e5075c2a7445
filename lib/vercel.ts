// What authlab takes from Vercel's environment. Pure functions over an environment record:
// lib/env.ts stays the only reader of process.env and applies these while it validates. Not
// `server-only`, like lib/env.ts: the Prisma config and the migration scripts use it too.
// Vercel's system variables: https://vercel.com/docs/environment-variables/system-environment-variables
import { z } from "zod";

export type VercelTarget = "production" | "preview" | "development";

/** A host name as Vercel gives it (no scheme); tolerates a pasted https:// and trailing slash. */
const host = z
  .string()
  .trim()
  .optional()
  .transform((value) => value?.replace(/^https?:\/\//, "").replace(/\/+$/, "") || undefined);

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

export const vercelSchema = z.object({
  VERCEL: optional,
  VERCEL_ENV: z.enum(["production", "preview", "development"]).optional(),
  VERCEL_URL: host,
  VERCEL_PROJECT_PRODUCTION_URL: host,
  VERCEL_BRANCH_URL: host,
  // The names Vercel's Postgres integrations (Neon, Supabase, Prisma Postgres) set.
  POSTGRES_URL: optional,
  POSTGRES_PRISMA_URL: optional,
  POSTGRES_URL_NON_POOLING: optional,
  DATABASE_URL_UNPOOLED: optional,
});

type VercelSource = z.infer<typeof vercelSchema>;

/**
 * The Vercel environment this process runs in, or null off Vercel. Vercel sets VERCEL=1 and
 * VERCEL_ENV at build and run time; the CLI's `vercel build` targets preview unless told otherwise.
 */
export function vercelTargetOf(source: VercelSource): VercelTarget | null {
  if (source.VERCEL !== "1" && !source.VERCEL_ENV) return null;
  return source.VERCEL_ENV ?? "preview";
}

/**
 * A deployment on Vercel's infrastructure (production or preview). `vercel dev` (target
 * development) runs on your own machine, with its filesystem and loopback services.
 */
export function isVercelDeployment(target: VercelTarget | null): boolean {
  return target === "production" || target === "preview";
}

/**
 * The public origin of this deployment when APP_URL is not set: the project's production domain
 * in production, the branch URL for previews (stable across pushes, so it can be registered at an
 * OAuth provider once), else the unique deployment URL. Vercel serves every one over https.
 */
function vercelAppUrl(source: VercelSource, target: VercelTarget | null): string | undefined {
  if (!isVercelDeployment(target)) return undefined;
  const name =
    target === "production"
      ? (source.VERCEL_PROJECT_PRODUCTION_URL ?? source.VERCEL_URL)
      : (source.VERCEL_BRANCH_URL ?? source.VERCEL_URL);
  return name ? `https://${name}` : undefined;
}

const SQLITE_DEFAULT_URL = "file:./prisma/dev.db";

type DatabaseUrls = {
  /** The URL the app connects through at run time (a pooled one when the host offers it). */
  url: string;
  /** The variable `url` came from, for error messages (never the URL itself: it holds a password). */
  variable: string;
  /** A direct connection for migrations: a transaction pooler drops the session-level advisory lock. */
  migrationUrl: string;
};

/**
 * DATABASE_URL wins; otherwise a Postgres integration's pooled URL (POSTGRES_URL before
 * POSTGRES_PRISMA_URL, whose `pgbouncer=true` is a hint for Prisma's Rust engine that node-postgres
 * ignores); otherwise the SQLite default.
 */
export function resolveDatabaseUrls(source: { DATABASE_URL?: string } & VercelSource): DatabaseUrls {
  const explicit = source.DATABASE_URL?.trim() || undefined;
  const [variable, url] = explicit
    ? ["DATABASE_URL", explicit]
    : source.POSTGRES_URL
      ? ["POSTGRES_URL", source.POSTGRES_URL]
      : source.POSTGRES_PRISMA_URL
        ? ["POSTGRES_PRISMA_URL", source.POSTGRES_PRISMA_URL]
        : ["DATABASE_URL", SQLITE_DEFAULT_URL];
  const direct = url.startsWith("file:")
    ? undefined
    : (source.DATABASE_URL_UNPOOLED ?? source.POSTGRES_URL_NON_POOLING);
  return { url, variable, migrationUrl: direct ?? url };
}

/** Why this database URL cannot be used here, or null. */
export function databaseProblem(urls: DatabaseUrls, target: VercelTarget | null): string | null {
  if (!/^(file:|postgres(ql)?:\/\/)/.test(urls.url)) {
    return `${urls.variable}: must start with file: (SQLite) or postgres:// (PostgreSQL)`;
  }
  if (!isVercelDeployment(target) || !urls.url.startsWith("file:")) return null;
  return (
    `${urls.variable}: SQLite (file:) cannot run on Vercel: a serverless filesystem is neither shared ` +
    "between instances nor durable. Set DATABASE_URL to a PostgreSQL URL, or connect a Vercel " +
    "Postgres integration (it sets POSTGRES_URL and POSTGRES_URL_NON_POOLING)."
  );
}

type DeploymentSource = VercelSource & {
  DATABASE_URL?: string;
  APP_URL?: string;
  AUTH_URL?: string;
  AUTH_DEMO_IDP: boolean;
  TRUST_PROXY?: boolean;
  DATABASE_POOL_MAX?: number;
  DATABASE_POOL_IDLE_TIMEOUT?: number;
};

export type Deployment = {
  vercel: VercelTarget | null;
  APP_URL: string;
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  DATABASE_POOL_IDLE_TIMEOUT: number;
  TRUST_PROXY: boolean;
  problems: string[];
};

/** The settings whose defaults depend on where authlab runs, and what is wrong with them there. */
export function resolveDeployment(source: DeploymentSource): Deployment {
  const vercel = vercelTargetOf(source);
  const deployed = isVercelDeployment(vercel);
  const problems: string[] = [];
  const database = resolveDatabaseUrls(source);
  const badDatabase = databaseProblem(database, vercel);
  if (badDatabase) problems.push(badDatabase);
  const APP_URL = source.APP_URL ?? vercelAppUrl(source, vercel) ?? "http://localhost:3000";
  // Auth.js takes its origin from AUTH_URL when set; one that disagrees would send providers a
  // redirect_uri (and set state cookies) for another origin than the one being browsed.
  if (source.AUTH_URL && new URL(source.AUTH_URL).origin !== new URL(APP_URL).origin) {
    problems.push("AUTH_URL must be unset or the same origin as APP_URL");
  }
  return {
    vercel,
    APP_URL,
    DATABASE_URL: database.url,
    // Each instance holds its own pool and many instances run at once, so a few connections each
    // keep the database's limit in reach; idle ones close fast because a suspended instance
    // cannot close them itself. Elsewhere node-postgres's own defaults (10, 10 s).
    DATABASE_POOL_MAX: source.DATABASE_POOL_MAX ?? (deployed ? 5 : 10),
    DATABASE_POOL_IDLE_TIMEOUT: source.DATABASE_POOL_IDLE_TIMEOUT ?? (deployed ? 5 : 10),
    // Vercel's edge sets X-Forwarded-For to the client address itself, so on a deployment the
    // header is trustworthy by default (the rate limits and the audit log see the real client).
    TRUST_PROXY: source.TRUST_PROXY ?? deployed,
    problems,
  };
}
