// `npm run dev`: everything a fresh clone needs, then `next dev` on http://localhost:3000.
//  1. generate missing dev secrets into .env.local
//  2. create and migrate the database (SQLite file by default)
//  3. start the local OpenID provider (OAuth mode with no accounts anywhere)
//  4. start Next on localhost (never 127.0.0.1: Auth.js redirect URIs must match)
//  5. start a second instance on the next port for the lab's scaling experiment (LAB_PEER=0: not)
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

// ---- The comparison lab's scaling experiment: another instance of the same app (same database
// and secrets, its own process and build folder), as a second server behind a load balancer would
// be. It shares APP_URL, the tokens' issuer. Quiet: the main server's output stays readable.
const peerPort = String(Number(port) + 1);
const withPeer = process.env.LAB_PEER !== "0";
if (withPeer) process.env.LAB_PEER_URL ??= `http://localhost:${peerPort}`;
const peer = {
  name: "lab-peer",
  command: "node_modules/.bin/next",
  args: ["dev", "--hostname", "localhost", "--port", peerPort],
  env: { NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: ".next-peer", LAB_PEER_URL: "", LOG_LEVEL: "warn" },
  quiet: true,
  optional: true,
};
if (withPeer)
  console.log(`authlab: a second instance for the lab's scaling experiment on ${process.env.LAB_PEER_URL}`);

startChildren([
  { name: "demo-idp", command: "node_modules/.bin/tsx", args: ["scripts/demo-idp.ts"] },
  {
    name: "next",
    command: "node_modules/.bin/next",
    args: ["dev", "--hostname", "localhost", "--port", port],
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
  ...(withPeer ? [peer] : []),
]);
