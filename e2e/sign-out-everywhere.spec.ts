import { expect, test, uniqueEmail, type OpenedBrowser } from "./fixtures";
import { claimsOf, jwtCookies } from "./pages/jwt";
import { jsonColumn, query, storedTokenHash } from "./support/db";
import { DEMO_IDP_URL } from "./support/settings";

/**
 * Signs in with the demo provider (already linked to the account). A browser that has just
 * linked it holds a session at the provider, which may then skip its login and consent.
 */
async function signInWithLinkedDemo(
  { page, oauthPages }: OpenedBrowser,
  idpEmail: string,
  accountEmail: string,
): Promise<void> {
  await oauthPages.startSignIn("Local demo provider");
  await page.waitForURL(
    (url) => url.href.startsWith(`${DEMO_IDP_URL}/interaction/`) || url.pathname === "/oauth/signed-in",
  );
  if (page.url().startsWith(DEMO_IDP_URL)) {
    const login = page.getByLabel("Any email");
    if (await login.isVisible()) await oauthPages.completeDemoIdp({ email: idpEmail });
    else await page.getByRole("button", { name: "Allow" }).click();
  }
  await expect(page).toHaveURL("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(accountEmail);
}

test("sign out everywhere in browser A ends browser B's session, refresh token and Auth.js session; its access token lives until exp", async ({
  openBrowser,
}) => {
  const email = uniqueEmail("everywhere");
  const idpEmail = uniqueEmail("everywhere-idp");
  const browserA = await openBrowser();
  const browserB = await openBrowser();
  const a = browserA.page;
  const b = browserB.page;

  // A: a password account, the demo provider linked to it, then signed in with all three modes.
  await browserA.sessionPages.signUp(email);
  await browserA.sessionPages.signIn(email);
  await a.goto("/account/connections");
  await a.getByRole("button", { name: "Link Local demo provider" }).click();
  await browserA.oauthPages.completeDemoIdp({ email: idpEmail });
  await expect(a).toHaveURL("/account/connections?linked=demo");
  await signInWithLinkedDemo(browserA, idpEmail, email);
  await browserA.jwtPages.signIn(email);

  // B: the same account, all three modes.
  await browserB.sessionPages.signIn(email);
  await signInWithLinkedDemo(browserB, idpEmail, email);
  const [owner] = await query<{ userId: string }>(
    `SELECT "userId" FROM "auth_sessions" WHERE "sessionToken" = ?`,
    [storedTokenHash((await browserB.oauthPages.sessionCookie())!)],
  );
  const userId = owner!.userId;

  await a.goto("/account/sessions");
  await expect(a.getByTestId("session-row")).toHaveCount(2);
  await expect(a.getByTestId("oauth-session-row")).toHaveCount(2);
  await expect(a.getByTestId("oauth-session-row").first()).toContainText("Local demo provider");
  // The e2e server runs without the deny-list: the page says what that means for access tokens.
  await expect(a.getByTestId("jwt-access-token-effect")).toHaveText(
    "Access tokens already issued stay valid until they expire (at most 4 s): without the deny-list nothing is checked on the server to refuse them.",
  );

  // B's JWT sign-in last, so its 4-second access token is still fresh when A acts.
  await browserB.jwtPages.signIn(email);
  const { access, refresh } = await jwtCookies(b.context());
  const bOAuthToken = await browserB.oauthPages.sessionCookie();
  const bearer = { authorization: `Bearer ${access!.value}` };

  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a).toHaveURL(/\/session\/sign-in$/);

  // Without the deny-list B's access token still verifies until its exp (4 s, plus the 5 s clock
  // skew). Checked first, so nothing else eats into that window on a slow machine...
  const me = await b.request.get("/api/me", { headers: bearer });
  const age = (Date.now() - claimsOf(access!.value).iat * 1000) / 1000;
  expect(me.status(), `B's access token, issued ${age} s ago, still verifies`).toBe(200);
  expect(await me.json()).toMatchObject({ user: { email }, modes: ["jwt"] });

  // B's session is refused on its next request.
  expect((await b.request.get("/api/session")).status()).toBe(401);
  // Its refresh token is refused.
  const refreshed = await b.request.post("/api/jwt/refresh", { data: { refresh_token: refresh!.value } });
  expect(refreshed.status()).toBe(400);
  expect(((await refreshed.json()) as { error: { code: string } }).error.code).toBe("invalid_grant");
  // Its Auth.js session row is gone.
  expect(
    await query(`SELECT "id" FROM "auth_sessions" WHERE "sessionToken" = ?`, [storedTokenHash(bOAuthToken!)]),
  ).toHaveLength(0);
  expect(await query(`SELECT "id" FROM "auth_sessions" WHERE "userId" = ?`, [userId])).toHaveLength(0);

  // ...and B's access token is refused after its exp; no refresh succeeded meanwhile (that would
  // leave a live token).
  await expect
    .poll(async () => (await b.request.get("/api/me", { headers: bearer })).status(), { timeout: 20_000 })
    .toBe(401);
  expect(
    await query(`SELECT "id" FROM "refresh_tokens" WHERE "userId" = ? AND "revokedAt" IS NULL`, [userId]),
  ).toHaveLength(0);

  // The audit log records it, with the reason and what ended.
  const events = await query<{ detail: unknown }>(
    `SELECT "detail" FROM "audit_events" WHERE "userId" = ? AND "type" = 'session.revoked_all'`,
    [userId],
  );
  expect(events.map((event) => jsonColumn(event.detail))).toEqual([
    { reason: "signed_out_everywhere", server_session: 2, refresh_family: 2, oauth_session: 2 },
  ]);
});
