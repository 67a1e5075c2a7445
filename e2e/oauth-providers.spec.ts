import { expect, test, uniqueEmail } from "./fixtures";
import { query } from "./support/db";
import { githubStubUserId } from "./support/github-stub-users";
import { E2E_BASE_URL } from "./support/server-config";

type Row = Record<string, unknown>;

test("GitHub: the profile comes from /user and the primary address from /user/emails", async ({
  page,
  oauthPages: oauth,
}) => {
  const email = uniqueEmail("octo");
  const login = `octo-${Math.random().toString(36).slice(2, 10)}`;
  await oauth.startSignIn("GitHub");
  // No display name: Auth.js's GitHub mapping falls back to the login.
  await oauth.completeGitHubStub({ login, email: email.toUpperCase() });

  await expect(page).toHaveURL("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(email);
  const id = githubStubUserId(login);
  const [user] = await query<Row>(`SELECT "id", "name", "image" FROM "users" WHERE "email" = ?`, [email]);
  expect(user).toMatchObject({ name: login, image: `https://avatars.example/u/${id}` });
  const accounts = await query<Row>(
    `SELECT "provider", "providerAccountId", "scope", "type" FROM "accounts" WHERE "userId" = ?`,
    [user!.id],
  );
  expect(accounts).toEqual([
    { provider: "github", providerAccountId: String(id), scope: "read:user,user:email", type: "oauth" },
  ]);
  await expect(page.getByText("Scopes: read:user user:email")).toBeVisible();
});

test("Google: an OpenID Connect sign-in against the local provider acting as Google's issuer", async ({
  page,
  oauthPages: oauth,
}) => {
  const email = uniqueEmail("gmail");
  await oauth.startSignIn("Google");
  await expect(page.getByText("authlab (as Google) asked who you are.")).toBeVisible();
  await oauth.completeDemoIdp({ email, name: "Grace Google" });

  await expect(page).toHaveURL("/oauth/signed-in");
  await expect(page.getByTestId("oauth-email")).toHaveText(email);
  const [user] = await query<Row>(`SELECT "id", "name" FROM "users" WHERE "email" = ?`, [email]);
  expect(user?.name).toBe("Grace Google");
  const accounts = await query<Row>(
    `SELECT "provider", "providerAccountId", "type", "id_token", "access_token" FROM "accounts" WHERE "userId" = ?`,
    [user!.id],
  );
  // The ID token was verified at sign-in (Auth.js) and is not kept, nor the access token.
  expect(accounts).toEqual([
    {
      provider: "google",
      type: "oidc",
      providerAccountId: expect.stringMatching(/^demo-/),
      id_token: null,
      access_token: null,
    },
  ]);
});

test("the sign-in page names the configured providers and how to add a missing one here", async ({
  page,
}) => {
  await page.goto("/oauth/sign-in");
  await expect(page.getByTestId("providers-configured")).toHaveText(
    "Configured here: Local demo provider, GitHub, Google.",
  );
  const oidc = page.getByRole("button", { name: "Sign in with OpenID Connect" });
  await expect(oidc).toBeDisabled();
  // The instructions are the disabled button's description, so assistive technology reads them.
  await expect(oidc).toHaveAccessibleDescription(
    `Not configured. To add it: Callback URL to register: ${E2E_BASE_URL}/api/auth/callback/oidc ` +
      "Set AUTH_OIDC_ISSUER and AUTH_OIDC_ID and AUTH_OIDC_SECRET and restart.",
  );
});
