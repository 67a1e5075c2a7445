// `npm start`: a production server. Refuses to start on missing or weak secrets, migrates an
// embedded SQLite database (Postgres is migrated by `npm run db:migrate`, a deploy step), then
// runs `next start`. Build first with `npm run build`.
import { loadEnvConfig } from "@next/env";
import { EnvError, parseEnv } from "../lib/env";
import { migrateDatabase } from "./lib/migrate";
import { root } from "./lib/prisma-cli";
import { startChildren } from "./lib/processes";

loadEnvConfig(root, false);
const nodeEnv = process.env.NODE_ENV ?? "production";

// NEXT_PHASE belongs to `next build` alone: left set, Next would skip instrumentation (the
// stored-secret checks) in the server below. It was ignored for the checks above too.
delete process.env.NEXT_PHASE;

let demoIdp = false;
try {
  const env = parseEnv({ ...process.env, NODE_ENV: nodeEnv }, { serving: true });
  if (env.databaseProvider === "sqlite" && !migrateDatabase({ quiet: true })) process.exit(1);
  // OAuth mode: the local demo OpenID provider runs in production only when asked for (tests, demos).
  demoIdp = env.AUTH_DEMO_IDP;
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`authlab: refusing to start.\n${error.message}\nSee .env.example for every setting.`);
  process.exit(1);
}

startChildren([
  ...(demoIdp
    ? [
        {
          name: "demo-idp",
          command: "node_modules/.bin/tsx",
          args: ["scripts/demo-idp.ts"],
          env: { NODE_ENV: nodeEnv },
        },
      ]
    : []),
  {
    name: "next",
    command: "node_modules/.bin/next",
    args: ["start", "--hostname", process.env.HOST ?? "localhost", "--port", process.env.PORT ?? "3000"],
    env: { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: nodeEnv },
  },
]);
