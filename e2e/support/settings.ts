// Settings the e2e server runs with, shared with specs that need to know them (e.g. short TTLs).
export const e2eSettings: Record<string, string> = {
  // Each test sends its own X-Forwarded-For (e2e/fixtures.ts) so per-IP limits stay per test.
  TRUST_PROXY: "1",
  // JWT mode: access tokens expire within seconds, so e2e/jwt.spec.ts can watch a refresh happen.
  JWT_ACCESS_TTL: "4",
};
