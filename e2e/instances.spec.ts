import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createPasswordUser, expect, test } from "./fixtures";
import { E2E_PORT, E2E_SECRETS } from "./support/server-config";
import { e2eDatabaseUrl, type SecondServer, startSecondServer } from "./support/second-server";

// Several instances of one deployment: two production servers on their own loopback ports share
// one PostgreSQL database (and, when REDIS_URL is set, one Redis: .ci/run runs both passes). No
// per-process state may break sessions, revocation, JWT keys, refresh-token reuse detection or
// rate limits. PostgreSQL pass only (playwright.config.ts): SQLite is one machine's file.

const run = promisify(execFile);
let a: SecondServer;
let b: SecondServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // The same settings on both, as a deployment has: one public URL (the tokens' issuer and
  // audience; a load balancer would stand in front), and Redis when this run has it.
  const shared: Record<string, string> = {
    APP_URL: `http://localhost:${E2E_PORT + 60}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
  // One after the other: two cold starts at once on a busy 2-core machine can outlast the wait.
  a = await startSecondServer(E2E_PORT + 60, shared);
  b = await startSecondServer(E2E_PORT + 61, shared);
});

test.afterAll(() => {
  a?.stop();
  b?.stop();
});

let address = 0;
/** A client address of its own per test (per-IP limits), sent as X-Forwarded-For (TRUST_PROXY=1). */
const clientAddress = () => `203.0.113.${(address = (address % 250) + 1)}`;

type Call = { cookie?: string; bearer?: string; body?: unknown; ip?: string };

/** A JSON request to one instance, as the app itself sends it (same Origin). */
function call(server: SecondServer, method: "GET" | "POST", path: string, options: Call = {}) {
  const headers: Record<string, string> = { origin: server.baseUrl };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.ip) headers["x-forwarded-for"] = options.ip;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${server.baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The `name=value` pairs a response sets, as a Cookie header. */
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");

type Tokens = { access_token: string; refresh_token: string };

async function jwtSignIn(server: SecondServer, email: string, password: string): Promise<Tokens> {
  const response = await call(server, "POST", "/api/jwt/token", {
    body: { email, password },
    ip: clientAddress(),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Tokens;
}

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;

test("a session made on A works on B, and a sign-out on A is refused on B at once", async () => {
  const user = await createPasswordUser({ label: "instances" });
  const signIn = await call(a, "POST", "/api/session/sign-in", {
    body: { email: user.email, password: user.password },
    ip: clientAddress(),
  });
  expect(signIn.status, await signIn.clone().text()).toBe(200);
  const cookie = cookiesOf(signIn);
  const onB = await call(b, "GET", "/api/session", { cookie });
  expect(onB.status).toBe(200);
  expect(((await onB.json()) as { user: { email: string } }).user.email).toBe(user.email);

  expect((await call(a, "POST", "/api/session/sign-out", { cookie })).status).toBe(200);
  expect((await call(b, "GET", "/api/session", { cookie })).status).toBe(401);
  expect((await call(a, "GET", "/api/session", { cookie })).status).toBe(401);
});

test("a JWT issued by A verifies on B", async () => {
  const user = await createPasswordUser({ label: "instances" });
  const tokens = await jwtSignIn(a, user.email, user.password);
  const me = await call(b, "GET", "/api/me", { bearer: tokens.access_token });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
});

test("a key rotated on A's database signs on A and verifies on B within the key cache's bound", async () => {
  const user = await createPasswordUser({ label: "instances" });
  const before = kidOf((await jwtSignIn(a, user.email, user.password)).access_token);
  // `npm run keys:rotate`, as an operator runs it beside the running instances.
  await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/keys-rotate.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), ...E2E_SECRETS, LOG_LEVEL: "silent" },
  });
  // A signs with the newest active key it reads; B has never seen that kid and reloads its keys
  // at most once per RELOAD_INTERVAL_MS (10 s, lib/jwt/keys/cache.ts).
  const tokens = await jwtSignIn(a, user.email, user.password);
  expect(kidOf(tokens.access_token)).not.toBe(before);
  await expect
    .poll(async () => (await call(b, "GET", "/api/me", { bearer: tokens.access_token })).status, {
      timeout: 20_000,
    })
    .toBe(200);
});

test("a refresh on A, then the old refresh token replayed on B, revokes the family", async () => {
  const user = await createPasswordUser({ label: "instances" });
  const first = await jwtSignIn(a, user.email, user.password);
  const refreshed = await call(a, "POST", "/api/jwt/refresh", {
    body: { refresh_token: first.refresh_token },
  });
  expect(refreshed.status).toBe(200);
  const second = (await refreshed.json()) as Tokens;
  // RFC 9700 §4.14.2: the replay is refused, and the successor dies with the family.
  const replay = await call(b, "POST", "/api/jwt/refresh", { body: { refresh_token: first.refresh_token } });
  expect(replay.status).toBe(400);
  const successor = await call(a, "POST", "/api/jwt/refresh", {
    body: { refresh_token: second.refresh_token },
  });
  expect(successor.status).toBe(400);
});

test("rate limits are shared: failures split across A and B trip the per-account limit", async () => {
  const user = await createPasswordUser({ label: "instances" });
  const ip = clientAddress();
  const attempt = (server: SecondServer, password: string) =>
    call(server, "POST", "/api/session/sign-in", { body: { email: user.email, password }, ip });
  // The per-account-and-address limit is 5 a window (lib/security/rate-limit): 3 on A, 2 on B.
  for (const server of [a, b, a, b, a]) {
    expect((await attempt(server, "not the password")).status).toBe(401);
  }
  const tripped = await attempt(b, user.password);
  expect(tripped.status).toBe(429);
  expect(Number(tripped.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await attempt(a, user.password)).status).toBe(429);
});
