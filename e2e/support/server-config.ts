import { randomBytes } from "node:crypto";

// Where the e2e server listens. Always `localhost`, never 127.0.0.1: Auth.js must see one origin.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

// The run's secrets, made once by the Playwright runner (it loads this module with its config
// before starting the e2e server and the workers, which inherit its environment), so a spec that
// starts a second server can share them with the first, as two instances of one deployment do.
for (const name of ["SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET"]) {
  process.env[`E2E_${name}`] ??= randomBytes(32).toString("base64url");
}
export const E2E_SECRETS = {
  SESSION_SECRET: process.env.E2E_SESSION_SECRET!,
  JWT_KEYS_SECRET: process.env.E2E_JWT_KEYS_SECRET!,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
};
