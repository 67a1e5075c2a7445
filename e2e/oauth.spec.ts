import { expect, test, uniqueEmail } from "./fixtures";
import { query, storedTokenHash } from "./support/db";

type Row = Record<string, unknown>;

test("the sign-in page lists every provider; an unconfigured one names its variables and callback URL", async ({
  page,
  baseURL,
}) => {
  await page.goto("/oauth/sign-in");
  for (const name of ["Local demo provider", "GitHub", "Google"]) {
    await expect(page.getByRole("button", { name: `Sign in with ${name}` })).toBeEnabled();
  }
  const oidc = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "OpenID Connect" }) });
  await expect(oidc.getByRole("button", { name: "Sign in with OpenID Connect" })).toBeDisabled();
  await expect(oidc).toContainText("Set AUTH_OIDC_ISSUER and AUTH_OIDC_ID and AUTH_OIDC_SECRET and restart.");
  await expect(oidc).toContainText(`${baseURL}/api/auth/callback/oidc`);
});

test("sign in with the local provider, see the email, then sign out and lose the session row", async ({
  page,
  oauthPages: oauth,
}) => {
  const email = uniqueEmail("local");
  await oauth.startSignIn("Local demo provider");
  // Typed loosely; stored and shown normalised, as for password accounts.
  await oauth.completeDemoIdp({ email: `  ${email.toUpperCase()} `, name: "Local Tester" });

  await expect(page).toHaveURL("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(email);

  const [user] = await query<Row>(`SELECT "id", "name" FROM "users" WHERE "email" = ?`, [email]);
  expect(user?.name).toBe("Local Tester");
  // The provider's tokens served the sign-in and are not kept.
  const accounts = await query<Row>(
    `SELECT "provider", "providerAccountId", "access_token", "refresh_token", "id_token" FROM "accounts"
     WHERE "userId" = ?`,
    [user!.id],
  );
  expect(accounts).toEqual([
    {
      provider: "demo",
      providerAccountId: expect.stringMatching(/^demo-/),
      access_token: null,
      refresh_token: null,
      id_token: null,
    },
  ]);
  // The row keeps the SHA-256 of the cookie's token, never the token.
  const sessions = await query<Row>(`SELECT "sessionToken" FROM "auth_sessions" WHERE "userId" = ?`, [
    user!.id,
  ]);
  const token = await oauth.sessionCookie();
  expect(sessions).toEqual([{ sessionToken: storedTokenHash(token!) }]);
  expect(sessions[0]!.sessionToken).not.toBe(token);
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // What the browser can ask for carries the user, never the session token.
  const session = await page.request.get("/api/auth/session");
  const body = await session.text();
  expect(JSON.parse(body)).toMatchObject({ user: { email } });
  expect(body).not.toContain(token!);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/oauth/sign-in?signedOut=1");
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("You are signed out");
  expect(await query(`SELECT "id" FROM "auth_sessions" WHERE "userId" = ?`, [user!.id])).toHaveLength(0);
  expect(await oauth.sessionCookie()).toBeUndefined();

  await page.goto("/oauth/signed-in");
  await expect(page).toHaveURL("/oauth/sign-in?next=/oauth/signed-in");

  const events = await query<Row>(
    `SELECT "type", "mode" FROM "audit_events" WHERE "userId" = ? ORDER BY "createdAt"`,
    [user!.id],
  );
  expect(events.map((event) => event.type)).toEqual(
    expect.arrayContaining(["user.signed_up", "account.linked", "sign_in.succeeded", "sign_out"]),
  );
  expect(new Set(events.map((event) => event.mode))).toEqual(new Set(["oauth"]));
});

test("denying consent lands on the sign-in page with an explanation, signed out", async ({
  page,
  oauthPages: oauth,
}) => {
  const email = uniqueEmail("deny");
  await oauth.startSignIn("Local demo provider");
  await oauth.completeDemoIdp({ email, consent: "Deny" });
  await expect(page).toHaveURL(/\/oauth\/sign-in\?error=OAuthCallbackError/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "The provider did not finish the sign-in",
  );
  expect(await query(`SELECT "id" FROM "users" WHERE "email" = ?`, [email])).toHaveLength(0);
  expect(await oauth.sessionCookie()).toBeUndefined();
});

test("Auth.js errors land on a friendly error page without internals", async ({ page }) => {
  // A callback with no state, PKCE or nonce cookies: Auth.js refuses it.
  const response = await page.goto("/api/auth/callback/demo?code=forged&state=forged");
  await expect(page).toHaveURL(/\/oauth\/error\?error=Configuration/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in could not be completed");
  await expect(page.getByRole("link", { name: "Back to sign-in" })).toHaveAttribute("href", "/oauth/sign-in");
  await expect(page.locator("main")).not.toContainText(/Error:|at \w+ \(|stack/i);
});
