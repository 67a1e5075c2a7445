import { randomBytes } from "node:crypto";

// Where the e2e server listens. Always `localhost`, never 127.0.0.1: Auth.js must see one origin.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

/**
 * The run's JWT_KEYS_SECRET, made once in the Playwright runner (which loads this first) and
 * inherited by the e2e server and the test workers: a second server on the same database (the
 * outage spec's) must be able to decrypt the signing keys the first one stored.
 */
process.env.E2E_JWT_KEYS_SECRET ??= randomBytes(32).toString("base64url");
export const E2E_JWT_KEYS_SECRET = process.env.E2E_JWT_KEYS_SECRET;
