// The e2e server: a production build with its own dist folder, database and random secrets, so
// `npm test` never touches the developer's .next, dev.db or .env.local.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { root } from "../../scripts/lib/prisma-cli";
import { startChildren } from "../../scripts/lib/processes";
import { E2E_BASE_URL, E2E_PORT } from "./server-config";
import { e2eSettings } from "./settings";

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
  SESSION_SECRET: secret(),
  JWT_KEYS_SECRET: secret(),
  AUTH_SECRET: secret(),
  LOG_LEVEL: "warn",
  ...e2eSettings,
});

if (!migrateDatabase({ quiet: true })) process.exit(1);
execFileSync(join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });

startChildren([
  {
    name: "next",
    command: "node_modules/.bin/next",
    args: ["start", "--hostname", "localhost", "--port", String(E2E_PORT)],
  },
]);
