// The local demo OpenID provider as a process: `npm run dev` always starts it, `npm start` only
// with AUTH_DEMO_IDP=1, the e2e server always. Settings come from the parent's environment.
import { loadEnvConfig } from "@next/env";
import { parseEnv } from "../lib/env";
import { demoClientsFor } from "../lib/oauth/demo-idp/client";
import { startDemoIdp } from "../lib/oauth/demo-idp/server";
import { root } from "./lib/prisma-cli";

loadEnvConfig(root, process.env.NODE_ENV !== "production");
const env = parseEnv(process.env);

if (env.isProduction && !env.AUTH_DEMO_IDP) {
  // Never in production unless explicitly asked for (tests, demos): it signs anyone in as anyone.
  console.error("demo-idp: refusing to run in production without AUTH_DEMO_IDP=1");
  process.exit(1);
}

startDemoIdp({ port: env.DEMO_IDP_PORT, clients: demoClientsFor(env) }).then(
  (idp) => console.log(`authlab: demo OpenID provider on ${idp.issuer}`),
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `demo-idp: could not listen on 127.0.0.1:${env.DEMO_IDP_PORT} (${reason}). Set DEMO_IDP_PORT.`,
    );
    process.exit(1);
  },
);
