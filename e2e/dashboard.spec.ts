import { createHash } from "node:crypto";
import { createPasswordUser, expect, test } from "./fixtures";
import { claimsOf, jwtCookies } from "./pages/jwt";

test("the session panel shows the user and the cookie's real size", async ({
  page,
  context,
  user,
  signIn,
}) => {
  await signIn.session(user);
  await page.goto("/dashboard");
  const panel = page.getByTestId("session-panel");
  await expect(panel).toHaveAttribute("data-state", "signed-in");
  await expect(page.getByTestId("session-user")).toHaveText(user.email);

  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authlab-session"))!;
  const bytes = Buffer.byteLength(`${cookie.name}=${cookie.value}`);
  await expect(page.getByTestId("session-cookie-bytes")).toHaveText(`${bytes} bytes`);
  await expect(panel.getByText(cookie.name, { exact: true })).toBeVisible();
});

test("a session revoked from another browser turns the panel signed out within 2 seconds, without reload", async ({
  user,
  openBrowser,
}) => {
  const watched = await openBrowser();
  const other = await openBrowser();
  const watchedPage = watched.page;
  await watched.signIn.session(user);
  const watchedId = (
    (await (await watchedPage.request.get("/api/session")).json()) as { session: { id: string } }
  ).session.id;
  await watchedPage.goto("/dashboard");
  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-in");
  await expect(watchedPage.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // Mark the document: a reload would lose this marker.
  await watchedPage.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const otherPage = other.page;
  await other.signIn.session(user);
  await otherPage.goto("/account/sessions");
  const row = otherPage
    .getByTestId("session-row")
    .filter({ has: otherPage.locator(`input[value="${watchedId}"]`) });
  await row.getByRole("button", { name: /^Revoke/ }).click();

  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-out", {
    timeout: 2000,
  });
  expect(await watchedPage.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test("one browser signed in through all three modes shows three signed-in panels with real cookie sizes and claims", async ({
  page,
  context,
  user,
  signIn,
}) => {
  const providerUser = await createPasswordUser({ label: "three-idp", name: "Three Modes" });
  await signIn.session(user);
  await signIn.jwt(user);
  await signIn.oauth(providerUser);

  await page.goto("/dashboard");
  for (const [mode, email] of [
    ["session", user.email],
    ["jwt", user.email],
    ["oauth", providerUser.email],
  ] as const) {
    await expect(page.getByTestId(`${mode}-panel`)).toHaveAttribute("data-state", "signed-in");
    await expect(page.getByTestId(`${mode}-user`)).toHaveText(email);
  }

  // Sizes and claims as the browser holds them; the JWT rotates every few seconds here, so each
  // comparison is made against the cookie jar at the same moment (polling until they agree).
  const bytesOf = async (pattern: RegExp) => {
    const cookie = (await context.cookies()).find((c) => pattern.test(c.name))!;
    return `${Buffer.byteLength(`${cookie.name}=${cookie.value}`)} bytes`;
  };
  await expect(page.getByTestId("session-cookie-bytes")).toHaveText(await bytesOf(/authlab-session$/));
  await expect(page.getByTestId("oauth-cookie-bytes")).toHaveText(await bytesOf(/authjs\.session-token$/));
  await expect
    .poll(async () => {
      const { access } = await jwtCookies(context);
      const shown = await page.getByTestId("jwt-cookie-bytes").textContent();
      const claims = JSON.parse(
        (await page.getByLabel("Decoded JWT claims").textContent()) ?? "{}",
      ) as Record<string, unknown>;
      const expected = claimsOf(access!.value);
      return shown === `${Buffer.byteLength(`${access!.name}=${access!.value}`)} bytes` &&
        claims.jti === expected.jti
        ? JSON.stringify(claims) === JSON.stringify(expected)
        : "rotated meanwhile";
    })
    .toBe(true);
});

test("another browser revoking the session and, separately, the JWT family turns both panels signed out live", async ({
  user,
  openBrowser,
}) => {
  const watched = await openBrowser();
  const other = await openBrowser();
  const watchedPage = watched.page;
  await watched.signIn.session(user);
  await watched.signIn.jwt(user);
  await watchedPage.goto("/dashboard");
  await expect(watchedPage.getByTestId("jwt-panel")).toHaveAttribute("data-state", "signed-in");
  await watchedPage.evaluate(() => ((window as unknown as { marker: number }).marker = 7));

  const otherPage = other.page;
  await other.signIn.session(user);
  await otherPage.goto("/account/sessions");
  const family = otherPage.getByTestId("family-row");
  await expect(family).toHaveCount(1);
  await family.getByRole("button", { name: /^Revoke JWT sign-in/ }).click();
  await expect(family).toHaveCount(0);
  await expect(watchedPage.getByTestId("jwt-panel")).toHaveAttribute("data-state", "signed-out", {
    timeout: 2000,
  });
  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-in");

  await otherPage
    .getByTestId("session-row")
    .filter({ hasNot: otherPage.getByText("This browser") })
    .getByRole("button")
    .click();
  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-out", {
    timeout: 2000,
  });
  expect(await watchedPage.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
});

// Issue 10, item 2 (ASVS 3.3.4's purpose): what HttpOnly hides from scripts must not sit in the
// page either. Signed in with all three modes, neither the HTML nor the RSC payload of the
// dashboard carries the sealed session cookie, the JWT access token or the Auth.js session token.
test("the dashboard's HTML and RSC payload carry no credential value, only its length and SHA-256 prefix", async ({
  page,
  context,
  user,
  signIn,
}) => {
  await signIn.session(user);
  const { accessToken } = await signIn.jwt(user);
  const { sessionToken } = await signIn.oauth(user);
  const sealed = (await context.cookies()).find((c) => c.name.endsWith("authlab-session"))!.value;
  const values = { sealed, accessToken, sessionToken };

  const variants: Record<string, string>[] = [{}, { RSC: "1" }];
  for (const headers of variants) {
    const response = await page.request.get("/dashboard", { headers });
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    const body = await response.text();
    expect(body).toContain(user.email);
    for (const [name, value] of Object.entries(values)) {
      expect(body.includes(value), `${name} in ${JSON.stringify(headers)}`).toBe(false);
      // Not even its signature or random part on its own.
      expect(body.includes(value.slice(-24)), `${name} tail`).toBe(false);
    }
  }

  // The session cookie outlives the page load (the JWT may be refreshed on the way): its digest
  // is what the panel shows instead of the value.
  await page.goto("/dashboard");
  const digest = createHash("sha256").update(sealed).digest("hex").slice(0, 16);
  await expect(page.getByTestId("session-panel").getByText(digest)).toBeVisible();
});
