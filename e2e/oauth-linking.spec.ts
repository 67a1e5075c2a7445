import type { Page } from "@playwright/test";
import { createPasswordUser, expect, TEST_PASSWORD, test, uniqueEmail } from "./fixtures";
import { expectIssuedSince, jwtCookies } from "./pages/jwt";
import { query, jsonColumn, storedTokenHash } from "./support/db";
import { githubStubUserId } from "./support/github-stub-users";
import { rowId } from "./support/users";

type Row = Record<string, unknown>;

/** A password user with a GitHub account already linked (as if linked from Connections earlier). */
async function passwordUserWithGitHub(email: string, githubLogin: string): Promise<string> {
  const { id } = await createPasswordUser({ email, name: "Pat Password" });
  const now = new Date();
  await query(
    `INSERT INTO "accounts" ("id", "userId", "type", "provider", "providerAccountId", "createdAt", "updatedAt")
     VALUES (?, ?, 'oauth', 'github', ?, ?, ?)`,
    [rowId(), id, String(githubStubUserId(githubLogin)), now, now],
  );
  return id;
}

const providersOf = async (userId: string) =>
  (
    await query<Row>(`SELECT "provider" FROM "accounts" WHERE "userId" = ? ORDER BY "provider"`, [userId])
  ).map((row) => row.provider);

test("a provider with an existing user's email is not linked; linking from Connections makes both ways one user", async ({
  page,
  oauthPages: oauth,
  openBrowser,
}) => {
  const email = uniqueEmail("pat");
  const login = `pat-${Math.random().toString(36).slice(2, 10)}`;
  const userId = await passwordUserWithGitHub(email, login);

  // 1. The demo provider reports the same email: refused, explained, nothing linked or signed in.
  await oauth.startSignIn("Local demo provider");
  await oauth.completeDemoIdp({ email });
  await expect(page).toHaveURL("/oauth/not-linked?provider=demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Your Local demo provider account is not linked yet",
  );
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "An authlab account already uses the email address",
  );
  await expect(page.getByRole("heading", { name: "How to link Local demo provider" })).toBeVisible();
  expect(await providersOf(userId)).toEqual(["github"]);
  expect(await query(`SELECT "id" FROM "auth_sessions" WHERE "userId" = ?`, [userId])).toHaveLength(0);
  expect(await oauth.sessionCookie()).toBeUndefined();
  const refused = await query<Row>(
    `SELECT "detail" FROM "audit_events" WHERE "userId" = ? AND "type" = 'account.link_refused'`,
    [userId],
  );
  expect(refused).toHaveLength(1);

  // 2. Signed in the way this user already can (GitHub, whatever email GitHub reports).
  await oauth.startSignIn("GitHub");
  await oauth.completeGitHubStub({ login, email: uniqueEmail("elsewhere") });
  await expect(page.getByTestId("oauth-email")).toHaveText(email);

  // 3. Account → Connections → Link: back on Connections with the provider attached to this user.
  await page.goto("/account/connections");
  await page.getByRole("button", { name: "Link Local demo provider" }).click();
  await oauth.completeDemoIdp({ email });
  await expect(page).toHaveURL("/account/connections?linked=demo");
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Local demo provider is now linked. It signs you in to this account.",
  );
  expect(await providersOf(userId)).toEqual(["demo", "github"]);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("authlab.oauth-link");

  // 4. A fresh browser signing in with the demo provider is now the same user.
  const other = await openBrowser();
  await other.oauthPages.startSignIn("Local demo provider");
  await other.oauthPages.completeDemoIdp({ email });
  await expect(other.page.getByTestId("oauth-email")).toHaveText(email);
  const [row] = await query<Row>(`SELECT "userId" FROM "auth_sessions" WHERE "sessionToken" = ?`, [
    storedTokenHash((await other.oauthPages.sessionCookie())!),
  ]);
  expect(row?.userId).toBe(userId);

  // 5. With a password on file, every provider can be unlinked.
  await page.getByRole("button", { name: "Unlink GitHub" }).click();
  await expect(page).toHaveURL("/account/connections?unlinked=github");
  await page.getByRole("button", { name: "Unlink Local demo provider" }).click();
  await expect(page).toHaveURL("/account/connections?unlinked=demo");
  expect(await providersOf(userId)).toEqual([]);
  const types = (await query<Row>(`SELECT "type" FROM "audit_events" WHERE "userId" = ?`, [userId])).map(
    (r) => r.type,
  );
  expect(types.filter((type) => type === "account.linked")).toHaveLength(1);
  expect(types.filter((type) => type === "account.unlinked")).toHaveLength(2);
});

test("a user whose only way in is one provider cannot unlink it", async ({ page, oauthPages: oauth }) => {
  const email = uniqueEmail("solo");
  await oauth.startSignIn("Local demo provider");
  await oauth.completeDemoIdp({ email });
  await expect(page.getByTestId("oauth-email")).toHaveText(email);
  await page.goto("/account/connections");
  await expect(page.getByRole("button", { name: "Unlink Local demo provider" })).toBeDisabled();
  await expect(
    page.getByText("Your only way to sign in: link another provider or set a password first."),
  ).toBeVisible();
});

test("Connections requires a signed-in user", async ({ page }) => {
  await page.goto("/account/connections");
  await expect(page).toHaveURL("/oauth/sign-in?next=%2Faccount%2Fconnections");
});

const JWT_ONLY_REASON =
  "Linking or unlinking a provider changes the ways into your account, so it needs a sign-in with a server session (password or provider), not a JWT alone. Sign in again to continue.";
const STALE_REASON =
  "Linking or unlinking a provider changes the ways into your account, so it needs a sign-in from the last 10 minutes. Sign in again to continue.";

/**
 * Loads `path` with a JWT access token minted on this very load: the e2e server's access tokens
 * live 4 s, and a server action (a POST) is never sent through the refresh redirect.
 */
async function gotoWithFreshJwt(page: Page, path: string): Promise<void> {
  const { access } = await jwtCookies(page.context());
  if (!access) throw new Error("no JWT access cookie");
  // An undecodable access cookie counts as expired: the proxy refreshes it on this navigation.
  const before = Date.now();
  await page.context().addCookies([{ ...access, value: "expired" }]);
  await page.goto(path);
  expectIssuedSince((await jwtCookies(page.context())).access?.value, before, access.value);
}

test("signed in with only a JWT: Link is disabled and explained, a forced submit links nothing, signing in again allows it", async ({
  page,
  oauthPages: oauth,
  user,
  signIn,
}) => {
  const { email, id: userId } = user;
  await signIn.jwt(user);

  // 1. The page explains why, and where to sign in again (this user has a password).
  await gotoWithFreshJwt(page, "/account/connections");
  const link = page.getByRole("button", { name: "Link Local demo provider" });
  await expect(link).toBeDisabled();
  await expect(link).toHaveAccessibleDescription("Linking needs a recent sign-in: sign in again to link.");
  await expect(page.getByText(JWT_ONLY_REASON)).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in again to link or unlink" })).toHaveAttribute(
    "href",
    "/session/sign-in?next=%2Faccount%2Fconnections",
  );

  // 2. The server does not trust the page: the button forced back on, the action refuses.
  await gotoWithFreshJwt(page, "/account/connections");
  await link.evaluate((button) => button.removeAttribute("disabled"));
  await link.click();
  await expect(link).toHaveAccessibleDescription(JWT_ONLY_REASON);
  await expect(page).toHaveURL("/account/connections");
  expect(await providersOf(userId)).toEqual([]);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("authlab.oauth-link");
  const refused = await query<Row>(
    `SELECT "detail" FROM "audit_events" WHERE "userId" = ? AND "type" = 'account.link_refused'`,
    [userId],
  );
  expect(refused.map((row) => jsonColumn(row.detail))).toEqual([
    { provider: "demo", reason: "stateless_only" },
  ]);

  // 3. Signing in again with the password (a server session) enables linking.
  await page.getByRole("link", { name: "Sign in again to link or unlink" }).click();
  await expect(page).toHaveURL("/session/sign-in?next=%2Faccount%2Fconnections");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/account/connections");
  await expect(page.getByText(JWT_ONLY_REASON)).toHaveCount(0);
  await expect(link).toBeEnabled();
  await link.click();
  await oauth.completeDemoIdp({ email });
  await expect(page).toHaveURL("/account/connections?linked=demo");
  expect(await providersOf(userId)).toEqual(["demo"]);
});

test("unlinking needs a recent sign-in: a stale session is told why and where to sign in again, a forced submit unlinks nothing, signing in again allows it", async ({
  page,
  user,
  signIn,
}) => {
  const { email, id: userId } = user;
  const now = new Date();
  await query(
    `INSERT INTO "accounts" ("id", "userId", "type", "provider", "providerAccountId", "createdAt", "updatedAt")
     VALUES (?, ?, 'oauth', 'github', ?, ?, ?)`,
    [rowId(), userId, `stale-${userId}`, now, now],
  );
  // A sign-in from an hour ago: older than the 10-minute window linking and unlinking need.
  const { sessionId } = await signIn.session(user);
  await query(`UPDATE "server_sessions" SET "createdAt" = ? WHERE "id" = ?`, [
    new Date(Date.now() - 60 * 60 * 1000),
    sessionId,
  ]);

  // 1. The page says why, and where to sign in again.
  await page.goto("/account/connections");
  const unlink = page.getByRole("button", { name: "Unlink GitHub" });
  await expect(unlink).toBeDisabled();
  await expect(unlink).toHaveAccessibleDescription(
    "Unlinking needs a recent sign-in: sign in again to unlink.",
  );
  await expect(page.getByText(STALE_REASON)).toBeVisible();

  // 2. The server does not trust the page: forced back on, the action refuses and changes nothing.
  await unlink.evaluate((button) => button.removeAttribute("disabled"));
  await unlink.click();
  await expect(unlink).toHaveAccessibleDescription(STALE_REASON);
  await expect(page).toHaveURL("/account/connections");
  expect(await providersOf(userId)).toEqual(["github"]);
  const refused = await query<Row>(
    `SELECT "detail" FROM "audit_events" WHERE "userId" = ? AND "type" = 'account.unlink_refused'`,
    [userId],
  );
  expect(refused.map((row) => jsonColumn(row.detail))).toEqual([{ provider: "github", reason: "stale" }]);

  // 3. Signing in again with the password makes the sign-in recent: unlinking works.
  await page.getByRole("link", { name: "Sign in again to link or unlink" }).click();
  await expect(page).toHaveURL("/session/sign-in?next=%2Faccount%2Fconnections");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/account/connections");
  await expect(unlink).toBeEnabled();
  await unlink.click();
  await expect(page).toHaveURL("/account/connections?unlinked=github");
  expect(await providersOf(userId)).toEqual([]);
});
