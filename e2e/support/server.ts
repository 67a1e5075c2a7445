// The e2e server: a production build with its own dist folder, database and random secrets, so
// `npm test` never touches the developer's .next, dev.db or .env.local.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { root } from "../../scripts/lib/prisma-cli";
import { startChildren } from "../../scripts/lib/processes";
import { E2E_BASE_URL, E2E_PORT, E2E_SECRETS } from "./server-config";
import { DEMO_IDP_URL, e2eSettings, GITHUB_STUB_URL } from "./settings";

const databaseFile = join(root, "prisma", `e2e-${E2E_PORT}.db`);
const secret = () => randomBytes(32).toString("base64url");

if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(databaseFile + suffix, { force: true });
  process.env.DATABASE_URL = `file:${databaseFile}`;
}

Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: ".next-e2e",
  APP_URL: E2E_BASE_URL,
  ...E2E_SECRETS,
  LOG_LEVEL: "warn",
  ...e2eSettings,
  // OAuth mode: the stub and the demo provider learn these secrets from the same environment.
  AUTH_GITHUB_SECRET: secret(),
  AUTH_GOOGLE_SECRET: secret(),
});

if (!migrateDatabase({ quiet: true })) process.exit(1);
execFileSync(join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });

// OAuth mode: the demo OpenID provider and the GitHub stub must answer before the app does, or
// the first sign-in could race them.
startChildren([
  { name: "demo-idp", command: "node_modules/.bin/tsx", args: ["scripts/demo-idp.ts"] },
  { name: "github-stub", command: "node_modules/.bin/tsx", args: ["e2e/support/github-stub.ts"] },
]);

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (
      await fetch(url).then(
        (response) => response.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`e2e: ${url} did not answer`);
}

Promise.all([
  waitFor(`${DEMO_IDP_URL}/.well-known/openid-configuration`),
  waitFor(`${GITHUB_STUB_URL}/api/v3/user`),
]).then(
  () =>
    startChildren([
      {
        name: "next",
        command: "node_modules/.bin/next",
        args: ["start", "--hostname", "localhost", "--port", String(E2E_PORT)],
      },
    ]),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.kill(process.pid, "SIGTERM"); // stops the children started above, then exits
    process.exitCode = 1;
  },
);
