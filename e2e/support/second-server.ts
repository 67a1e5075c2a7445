// A second production server from the e2e build, as another instance of the same deployment: the
// e2e database (or the one given), the run's secrets, its own port and settings.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { E2E_PORT, E2E_SECRETS } from "./server-config";

/** The e2e server's database URL: the PostgreSQL pass's, or its SQLite file. */
export function e2eDatabaseUrl(): string {
  return process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : `file:${join(process.cwd(), "prisma", `e2e-${E2E_PORT}.db`)}`;
}

/** Waits (30 s at most) until the server at `baseUrl` answers /api/health with 200. */
export async function waitUntilHealthy(baseUrl: string): Promise<void> {
  await expect
    .poll(
      () =>
        fetch(`${baseUrl}/api/health`).then(
          (response) => response.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);
}

export type SecondServer = { baseUrl: string; stop(): void };

/** Starts it on `port` with `env` over the defaults, and waits until /api/health answers 200. */
export async function startSecondServer(port: number, env: Record<string, string>): Promise<SecondServer> {
  const baseUrl = `http://localhost:${port}`;
  const server: ChildProcess = spawn(
    "node_modules/.bin/next",
    ["start", "--hostname", "localhost", "--port", String(port)],
    {
      stdio: "ignore",
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_DIST_DIR: ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        APP_URL: baseUrl,
        DATABASE_URL: e2eDatabaseUrl(),
        TRUST_PROXY: "1",
        LOG_LEVEL: "silent",
        ...E2E_SECRETS,
        ...env,
      },
    },
  );
  const stop = () => void server.kill("SIGTERM");
  try {
    await waitUntilHealthy(baseUrl);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, stop };
}
