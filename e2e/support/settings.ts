import { E2E_PORT } from "./server-config";

// ---- OAuth mode: the local demo OpenID provider and a GitHub-compatible stub, on ports derived
// from E2E_PORT so parallel runs on different ports do not collide. Google's issuer points at the
// demo provider. (Client secrets are random per run; server.ts adds them.)
export const DEMO_IDP_PORT = E2E_PORT + 1000;
export const GITHUB_STUB_PORT = E2E_PORT + 1001;
export const DEMO_IDP_URL = `http://127.0.0.1:${DEMO_IDP_PORT}`;
export const GITHUB_STUB_URL = `http://127.0.0.1:${GITHUB_STUB_PORT}`;
export const LAB_PEER_PORT = E2E_PORT + 70;

// Settings the e2e server runs with, shared with specs that need to know them (e.g. short TTLs).
export const e2eSettings: Record<string, string> = {
  // Each test sends its own X-Forwarded-For (e2e/fixtures.ts) so per-IP limits stay per test.
  TRUST_PROXY: "1",
  // JWT mode: access tokens expire within seconds, so e2e/jwt.spec.ts can watch a refresh happen.
  JWT_ACCESS_TTL: "4",
  // OAuth mode.
  AUTH_DEMO_IDP: "1",
  DEMO_IDP_PORT: String(DEMO_IDP_PORT),
  GITHUB_STUB_PORT: String(GITHUB_STUB_PORT),
  AUTH_GITHUB_ID: "e2e-github-client",
  AUTH_GITHUB_ENTERPRISE_URL: GITHUB_STUB_URL,
  AUTH_GOOGLE_ID: "e2e-google-client",
  AUTH_GOOGLE_ISSUER: DEMO_IDP_URL,
  // The lab's scaling experiment: a second instance e2e/lab.spec.ts starts on this port.
  LAB_PEER_URL: `http://localhost:${LAB_PEER_PORT}`,
};
