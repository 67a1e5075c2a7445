// API keys end to end (issue 15): made in the browser, shown once, used by a script with plain
// HTTP requests, revoked, and refused on the very next request.
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { query } from "./support/db";
import { E2E_BASE_URL } from "./support/server-config";

const INVALID = /^Bearer realm="authlab", error="invalid_token"/;

test("a key is shown once, works for scripts, never signs a browser in, and dies when revoked", async ({
  page,
  user,
  signIn,
  apiKeyPages,
  openBrowser,
}) => {
  await signIn.session(user);
  await apiKeyPages.open();
  const key = await apiKeyPages.create("e2e script", { scopes: ["read:sessions"] });
  const prefix = key.slice(3, 15);
  await expect(apiKeyPages.row("e2e script")).toContainText(`ak_${prefix}_…`);

  // Shown once: a reload has neither the panel nor the secret anywhere in the page.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(16));

  // A script: plain HTTP requests, no cookies.
  const script = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  try {
    const me = await script.get("/api/me", { headers: { authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: user.email }, mode: "apikey" });
    const sessions = await script.get("/api/me/sessions", { headers: { "x-api-key": key } });
    expect(sessions.status()).toBe(200);
    expect(((await sessions.json()) as { sessions: unknown[] }).sessions.length).toBeGreaterThan(0);

    // The same key sent by a browser to a page signs nobody in.
    const other = await openBrowser();
    await other.context.setExtraHTTPHeaders({ authorization: `Bearer ${key}`, "x-api-key": key });
    await other.page.goto("/account");
    await expect(other.page).toHaveURL(/\/session\/sign-in\?next=%2Faccount$/);

    // Its use shows on the page (counted after each response).
    await expect(async () => {
      await page.reload();
      await expect(apiKeyPages.row("e2e script").getByTestId("api-key-usage")).toContainText("2 requests");
    }).toPass();

    await apiKeyPages.revoke("e2e script");
    const after = await script.get("/api/me", { headers: { authorization: `Bearer ${key}` } });
    expect(after.status()).toBe(401);
    expect(after.headers()["www-authenticate"]).toMatch(INVALID);
  } finally {
    await script.dispose();
  }
});

test("creating a key without a recent server-held sign-in asks for the password (sudo mode)", async ({
  page,
  user,
  signIn,
  apiKeyPages,
}) => {
  // A sign-in from an hour ago: older than STEP_UP_WINDOW (10 minutes).
  const { sessionId } = await signIn.session(user);
  await query(`UPDATE "server_sessions" SET "createdAt" = ? WHERE "id" = ?`, [
    new Date(Date.now() - 60 * 60 * 1000),
    sessionId,
  ]);
  await apiKeyPages.open();
  await page.getByLabel("Name").fill("needs sudo");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Enter your password to create a key.")).toBeVisible();
  await page.getByLabel("Your password").fill("not the password");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("The password is incorrect.")).toBeVisible();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);

  const key = await apiKeyPages.create("needs sudo", { password: user.password });
  expect(key.startsWith("ak_")).toBe(true);
});

test("the dashboard lists the user's keys without their secrets", async ({
  page,
  user,
  signIn,
  apiKeyPages,
}) => {
  await signIn.session(user);
  await apiKeyPages.open();
  const key = await apiKeyPages.create("dashboard key");
  await page.goto("/dashboard");
  const panel = page.getByTestId("apikey-panel");
  await expect(panel).toContainText("dashboard key");
  await expect(panel).toContainText(`ak_${key.slice(3, 15)}_…`);
  expect(await page.content()).not.toContain(key.slice(16));
});
