// `npm run bench`: builds the app (once), starts a production server per configuration (SQLite;
// PostgreSQL with BENCH_DATABASE_URL; with Redis when BENCH_REDIS_URL is given), signs a user in
// through every mode, then measures the same JSON endpoint behind each check with autocannon in
// interleaved rounds, and the sign-in path. Prints a table; writes bench/results/ and the latest
// table in docs/benchmarks.md. Settings: docs/benchmarks.md. Runs under the react-server
// condition so the app's own modules seed the database.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase } from "./lib/migrate";
import { root } from "./lib/prisma-cli";
import { runScript } from "./lib/run";
import { type LoadTarget, progressPrinter, runInterleaved } from "./bench/load";
import {
  type BenchReport,
  type ConfigurationReport,
  machine,
  renderText,
  withRatios,
  writeReport,
} from "./bench/report";
import { buildIfNeeded, freePort, startServer } from "./bench/server";
import { type CheckCost, sampleCheckCost } from "./bench/server-timing";
import { runSignInBench } from "./bench/sign-in";
import { BENCH_TARGETS, benchSecrets, type SignInContext } from "./bench/targets";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? "");
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const settings = {
  durationSeconds: number("BENCH_DURATION", 5),
  rounds: number("BENCH_ROUNDS", 2),
  connections: number("BENCH_CONNECTIONS", 10),
  warmupSeconds: number("BENCH_WARMUP", 1),
  signIn: process.env.BENCH_SIGN_IN !== "0",
  port: process.env.BENCH_PORT ? number("BENCH_PORT", 0) : undefined,
  resultsDir: process.env.BENCH_RESULTS_DIR ?? join(root, "bench", "results"),
};

type Configuration = { name: string; databaseUrl: string; redisUrl?: string; cleanup?: () => void };

function configurations(): Configuration[] {
  const file = join(tmpdir(), `authlab-bench-${process.pid}.db`);
  const removeFile = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  const list: Configuration[] = [{ name: "SQLite", databaseUrl: `file:${file}`, cleanup: removeFile }];
  const postgres = process.env.BENCH_DATABASE_URL;
  if (postgres) {
    if (!/^postgres(ql)?:\/\//.test(postgres))
      throw new Error("BENCH_DATABASE_URL must be a postgres:// URL");
    list.push({ name: "PostgreSQL", databaseUrl: postgres });
  }
  const redis = process.env.BENCH_REDIS_URL;
  if (redis) {
    const base = list[list.length - 1]!;
    list.push({ name: `${base.name} + Redis`, databaseUrl: base.databaseUrl, redisUrl: redis });
  }
  return list;
}

/** The app's own modules, loaded against this configuration's settings. */
async function appModules() {
  const [{ resetEnvForTests }, db, password, session, jwt, oauth, iron, signing, apikeys, tokens] =
    await Promise.all([
      import("../lib/env"),
      import("../lib/db"),
      import("../lib/auth/password"),
      import("../lib/session/cookie"),
      import("../lib/jwt/cookies"),
      import("../lib/oauth/cookies"),
      import("../lib/bench/cookie"),
      import("../lib/jwt/keys/signing"),
      import("../lib/apikey/store"),
      import("../lib/crypto/tokens"),
    ]);
  return { resetEnvForTests, db, password, session, jwt, oauth, iron, signing, apikeys, tokens };
}

async function measure(
  configuration: Configuration,
  progress: ReturnType<typeof progressPrinter>,
): Promise<ConfigurationReport> {
  const phase = `${configuration.name}: `;
  const port = await freePort(settings.port);
  const env: Record<string, string> = {
    ...benchSecrets(),
    DATABASE_URL: configuration.databaseUrl,
    APP_URL: `http://localhost:${port}`,
    LOG_LEVEL: "error",
    // Every sign-in comes from an address of its own (X-Forwarded-For), so rate limits stay out.
    TRUST_PROXY: "1",
    // The sign-in bench runs more sign-ins a minute than the global ceiling lets through.
    RATE_LIMIT_SIGN_IN_GLOBAL: "1000000",
    // The API key's own limit stays on (its counter is part of the check's cost), above the load.
    API_KEY_RATE_LIMIT: "1000000",
    // A token must outlive the run (the default 5 minutes might not).
    JWT_ACCESS_TTL: "3600",
    ...(configuration.redisUrl ? { REDIS_URL: configuration.redisUrl } : {}),
  };
  Object.assign(process.env, env, { NODE_ENV: "production" });
  const app = await appModules();
  app.resetEnvForTests();
  progress(`${phase}migrating the database…`);
  if (!migrateDatabase({ quiet: true })) throw new Error("bench: migration failed");
  // This run's JWT_KEYS_SECRET cannot decrypt a signing key a previous run left in a kept
  // (PostgreSQL) database: a key of this run's signs (the old ones only verify, then retire).
  await app.signing.rotateSigningKeys("npm run bench");
  const password = `bench ${randomUUID()}`;
  const passwordHash = await app.password.hashPassword(password);
  const createBenchUser = () =>
    app.db.db.user.create({
      data: {
        email: `bench-${randomUUID()}@authlab.invalid`,
        name: "Bench",
        password: { create: passwordHash },
      },
    });
  const user = await createBenchUser();
  // The concurrent sign-ins spread over accounts of their own: parallel attempts on one account
  // count against its IP-independent limit before any password is checked (docs/security.md).
  const signInUsers = await Promise.all(Array.from({ length: 40 }, createBenchUser));
  progress(`${phase}starting the server on port ${port}…`);
  const server = await startServer(port, env);
  try {
    const context: SignInContext = {
      baseUrl: server.baseUrl,
      user: { id: user.id, email: user.email, password },
      signInEmails: signInUsers.map((signInUser) => signInUser.email),
      env,
      cookieNames: {
        session: app.session.sessionCookieName(),
        jwt: app.jwt.jwtCookieNames().access,
        authjs: app.oauth.oauthSessionCookieName(),
        iron: app.iron.BENCH_IRON_COOKIE,
      },
      async createAuthJsSession() {
        // The cookie's token; the row keeps its SHA-256, as lib/oauth/adapter.ts stores it.
        const sessionToken = randomUUID();
        await app.db.db.session.create({
          data: {
            sessionToken: app.tokens.hashToken(sessionToken),
            userId: user.id,
            expires: new Date(Date.now() + 86_400_000),
          },
        });
        return sessionToken;
      },
      async createApiKey() {
        const scopes = ["read:profile" as const];
        const created = await app.apikeys.createApiKey(
          user.id,
          { name: "bench", scopes, expiresAt: null },
          {
            ipAddress: null,
            userAgent: "npm run bench",
          },
        );
        if (!created.ok) throw new Error("bench: could not create an API key");
        return created.value.key;
      },
    };
    const targets: LoadTarget[] = [];
    for (const spec of BENCH_TARGETS) {
      progress(`${phase}signing in: ${spec.label}…`);
      const headers = await spec.credential(context);
      const path = `/api/bench/${spec.check}`;
      // A credential the server does not accept would make the bench measure 401s.
      const response = await fetch(server.baseUrl + path, { headers });
      const body = (await response.json().catch(() => null)) as { user?: { email?: string } } | null;
      if (!response.ok || (spec.name !== "bare" && body?.user?.email !== user.email)) {
        throw new Error(
          `bench: ${spec.label}: ${path} answered ${response.status} for the bench user's credential`,
        );
      }
      targets.push({ name: spec.name, label: spec.label, path, headers });
    }
    const results = await runInterleaved(server.baseUrl, targets, settings, progress, phase);
    progress(`${phase}sampling each check's Server-Timing, one request at a time…`);
    const costs = new Map<string, CheckCost>();
    for (const target of targets) costs.set(target.name, await sampleCheckCost(server.baseUrl, target));
    const session = targets.find((target) => target.name === "session")!;
    const signIn = settings.signIn
      ? await runSignInBench(
          context,
          { label: session.label, url: server.baseUrl + session.path, headers: session.headers },
          {
            durationSeconds: settings.durationSeconds,
            concurrentSignIns: 20,
            enumerationSamples: 30,
          },
          progress,
          phase,
        )
      : null;
    return {
      name: configuration.name,
      targets: withRatios(results).map((target) => ({ ...target, check: costs.get(target.name) ?? null })),
      signIn,
    };
  } finally {
    await server.stop();
    await app.db.disconnectDatabase();
    configuration.cleanup?.();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const progress = progressPrinter();
  buildIfNeeded((line) => process.stdout.write(`${line}\n`));
  const { PASSWORD_HASH_PARAMS } = await import("../lib/auth/password");
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    seconds: 0,
    machine: machine(),
    settings: {
      durationSeconds: settings.durationSeconds,
      rounds: settings.rounds,
      connections: settings.connections,
      argon2: `m=${PASSWORD_HASH_PARAMS.memoryCost} t=${PASSWORD_HASH_PARAMS.timeCost} p=${PASSWORD_HASH_PARAMS.parallelism}`,
      threadpool: `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
    },
    configurations: [],
  };
  for (const configuration of configurations()) {
    report.configurations.push(await measure(configuration, progress));
  }
  progress.done();
  report.seconds = Math.round((Date.now() - started) / 1000);
  const defaultResults = !process.env.BENCH_RESULTS_DIR;
  await writeReport(
    report,
    settings.resultsDir,
    defaultResults ? join(root, "docs", "benchmarks.md") : undefined,
  );
  process.stdout.write(`\n${renderText(report)}\n`);
  process.stdout.write(
    `bench: done in ${report.seconds} s; results in ${settings.resultsDir}/latest.{json,md,svg}\n`,
  );
  return 0;
}

runScript(main);
