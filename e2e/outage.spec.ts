import { type ChildProcess, spawn } from "node:child_process";
import { startTcpProxy, type TcpProxy } from "../tests/support/tcp-proxy";
import { expect, TEST_PASSWORD, test, uniqueEmail } from "./fixtures";
import { E2E_PORT, E2E_SECRETS } from "./support/server-config";
import { SessionPages } from "./pages/session";

// Pages in an outage: a second production server shares the e2e PostgreSQL database through a
// loopback proxy that the test cuts. Signed-in pages then show the unavailable state (never a
// sign-in redirect, never the protected content) and come back by themselves once the database
// does. PostgreSQL pass only (playwright.config.ts): the proxy stands in front of a server.

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
      TRUST_PROXY: "1",
      LOG_LEVEL: "silent",
    },
  });
  await expect
    .poll(
      () =>
        fetch(`${BASE}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await proxy?.close();
});

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
    await expect(page).toHaveURL(`${BASE}${path}`);
    await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
    await expect(page.getByText("You are not signed out")).toBeVisible();
    await expect(page.getByTestId("nav-identity")).toHaveText("Sign-in status unavailable");
    await expect(page.getByRole("main").getByText(email)).toHaveCount(0);
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
