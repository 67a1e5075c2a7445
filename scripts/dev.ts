// `npm run dev`: everything a fresh clone needs, then `next dev` on http://localhost:3000.
//  1. generate missing dev secrets into .env.local
//  2. create and migrate the database (SQLite file by default)
//  3. start the local OpenID provider (OAuth mode with no accounts anywhere)
//  4. start Next on localhost (never 127.0.0.1: Auth.js redirect URIs must match)
import { loadEnvConfig } from "@next/env";
import { ensureDevSecrets } from "./lib/dev-secrets";
import { migrateDatabase } from "./lib/migrate";
import { root } from "./lib/prisma-cli";
import { startChildren } from "./lib/processes";

const generated = ensureDevSecrets(root);
if (generated.length > 0)
  console.log(`authlab: generated ${generated.join(", ")} into .env.local (dev only)`);
loadEnvConfig(root, true);

if (!migrateDatabase({ quiet: true })) process.exit(1);
console.log("authlab: database migrated");

const port = process.env.PORT ?? "3000";
// ---- OAuth mode: the app's origin follows PORT unless set, so OAuth redirect URIs match it.
process.env.APP_URL ??= `http://localhost:${port}`;
startChildren([
  { name: "demo-idp", command: "node_modules/.bin/tsx", args: ["scripts/demo-idp.ts"] },
  {
    name: "next",
    command: "node_modules/.bin/next",
    args: ["dev", "--hostname", "localhost", "--port", port],
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
]);
