import { type ChildProcess, spawn } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { startTcpProxy, type TcpProxy } from "../tests/support/tcp-proxy";
import { createPasswordUser, expect, TEST_PASSWORD, test, uniqueEmail } from "./fixtures";
import { expiryOf, jwtCookies } from "./pages/jwt";
import { SessionPages } from "./pages/session";
import { waitUntilHealthy } from "./support/second-server";
import { E2E_PORT, E2E_SECRETS } from "./support/server-config";
import { e2eSettings } from "./support/settings";
import { signInWithJwt, signInWithOAuth } from "./support/sign-in";

// Pages in an outage: a second production server shares the e2e PostgreSQL database through a
// loopback proxy that the test cuts. Signed-in pages then show the unavailable state (never a
// sign-in redirect, never the protected content) and come back by themselves once the database
// does, whichever mode the browser is signed in with. PostgreSQL pass only (playwright.config.ts):
// the proxy stands in front of a server.

const PORT = E2E_PORT + 50;
const BASE = `http://localhost:${PORT}`;
let proxy: TcpProxy;
let server: ChildProcess;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const database = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  database.hostname = "127.0.0.1";
  database.port = String(proxy.port);
  server = spawn("node_modules/.bin/next", ["start", "--hostname", "localhost", "--port", String(PORT)], {
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: BASE,
      DATABASE_URL: database.toString(),
      // A second instance of the same deployment: the same secrets (a stored signing key that no
      // JWT_KEYS_SECRET decrypts would stop it at start-up).
      ...E2E_SECRETS,
      // Access tokens that expire within seconds, as on the e2e server.
      JWT_ACCESS_TTL: e2eSettings.JWT_ACCESS_TTL,
      TRUST_PROXY: "1",
      LOG_LEVEL: "silent",
    },
  });
  await waitUntilHealthy(BASE);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await proxy?.close();
});

// A failed test must not leave the database cut off for the next one.
test.afterEach(async () => {
  await proxy.restore();
});

/** A browser of its own on the outage server, starting signed out. */
async function openOutageBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE });
  return { context, page: await context.newPage() };
}

/** The pages' unavailable state: the page asked for, no sign-in redirect, nothing protected. */
async function expectUnavailablePage(page: Page, path: string, email: string): Promise<void> {
  await expect(page).toHaveURL(`${BASE}${path}`);
  await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
  await expect(page.getByText("You are not signed out")).toBeVisible();
  await expect(page.getByTestId("nav-identity")).toHaveText("Sign-in status unavailable");
  await expect(page.getByRole("main").getByText(email)).toHaveCount(0);
}

test("signed-in pages show the unavailable state while the database is down, then recover", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  const email = uniqueEmail("outage");
  const sessionPages = new SessionPages(page);
  await sessionPages.signUp(email);
  await sessionPages.signIn(email);
  await page.goto("/account");
  await expect(page.getByRole("main").getByText(email)).toBeVisible();

  await proxy.cut();
  // A form whose store is down says so, keeps what was typed, and signs nobody out.
  await page.goto("/session/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "cannot reach its store right now, so nothing was changed" }),
  ).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  for (const path of ["/account", "/session", "/account/sessions", "/dashboard"]) {
    await page.goto(path);
    await expectUnavailablePage(page, path, email);
  }
  const api = await page.request.get("/api/me");
  expect(api.status()).toBe(503);
  expect(api.headers()["retry-after"]).toBeTruthy();

  await proxy.restore();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("main").getByText(email)).toBeVisible();
  await context.close();
});

test("a browser signed in with a provider (Auth.js) sees the unavailable state, then recovers", async ({
  browser,
}) => {
  const { context, page } = await openOutageBrowser(browser);
  const user = await createPasswordUser({ label: "outage-oauth" });
  await signInWithOAuth(context, user);
  await page.goto("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(user.email);

  await proxy.cut();
  for (const path of ["/oauth/signed-in", "/account", "/account/connections", "/dashboard"]) {
    await page.goto(path);
    await expectUnavailablePage(page, path, user.email);
  }
  // Auth.js's own session endpoint does not answer "signed out" (null) either.
  const session = await page.request.get("/api/auth/session");
  expect(session.status()).toBe(503);

  await proxy.restore();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("oauth-panel")).toHaveAttribute("data-state", "signed-in");
  await page.goto("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(user.email);
  await context.close();
});

test("a JWT browser whose access token expired sees the unavailable page, not a sign-in, then recovers", async ({
  browser,
}) => {
  const { context, page } = await openOutageBrowser(browser);
  const user = await createPasswordUser({ label: "outage-jwt" });
  await signInWithJwt(context, user);
  await page.goto("/jwt");
  await expect(page.getByTestId("jwt-email")).toHaveText(user.email);

  await proxy.cut();
  // What the browser holds once nothing can rotate it any more.
  const held = await jwtCookies(context);
  // Signing out needs the store: nothing is revoked or cleared, and the form says so.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("cannot reach its store right now, so nothing was changed")).toBeVisible();
  // At expiry the page's own refresh cannot be checked either: it says so, not "sign in again".
  await expect(page.getByRole("status").filter({ hasText: "You are not signed out" })).toBeVisible();
  expect(Date.now()).toBeGreaterThanOrEqual(expiryOf(held.access!.value));
  expect(await jwtCookies(context)).toEqual(held);

  // A page load with the expired access token goes through the refresh endpoint (proxy.ts),
  // which cannot check the refresh token: an unavailable page, never a sign-in redirect.
  for (const path of ["/jwt", "/dashboard"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(503);
    expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(page).toHaveURL(`${BASE}/api/jwt/refresh?next=${encodeURIComponent(path)}`);
    await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
    await expect(page.getByText("You are not signed out")).toBeVisible();
  }
  expect(await jwtCookies(context)).toEqual(held);

  await proxy.restore();
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page).toHaveURL(`${BASE}/dashboard`);
  await expect(page.getByTestId("jwt-panel")).toHaveAttribute("data-state", "signed-in");
  expect((await jwtCookies(context)).refresh?.value).not.toBe(held.refresh!.value);
  await page.goto("/jwt");
  await expect(page.getByTestId("jwt-email")).toHaveText(user.email);
  await context.close();
});
