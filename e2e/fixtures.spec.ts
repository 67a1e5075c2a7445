// The signed-in fixtures must sign in for real: the app's identity function accepts what they
// put in the context, and the cookies are the very ones the app's own sign-in sets.
import type { BrowserContext, Cookie } from "@playwright/test";
import { expect, test, type SignIn } from "./fixtures";
import { jwtCookies } from "./pages/jwt";
import { OAUTH_SESSION_COOKIE } from "./support/cookies";

for (const mode of ["session", "jwt", "oauth"] as const satisfies (keyof SignIn)[]) {
  test(`the ${mode} fixture signs the context in without any form`, async ({ page, user, signIn }) => {
    await signIn[mode](user);

    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: user.id, email: user.email }, mode, modes: [mode] });

    await page.goto("/dashboard");
    await expect(page.getByTestId(`${mode}-panel`)).toHaveAttribute("data-state", "signed-in");
    await expect(page.getByTestId(`${mode}-user`)).toHaveText(user.email);
  });
}

/** What a cookie is apart from its value and exact expiry. */
const shapeOf = (cookie: Cookie | undefined) =>
  cookie && {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    persistent: cookie.expires > 0,
  };

/**
 * Two sign-ins moments apart expire moments apart: the same lifetime to within two minutes. (Rounding
 * each to the minute failed when the sign-ins straddled a minute boundary on a slow machine.)
 */
function expectSameLifetime(mine: Cookie | undefined, theirs: Cookie | undefined): void {
  expect(Math.abs(mine!.expires - theirs!.expires)).toBeLessThan(120);
}

test("the JWT fixture sets the cookies the sign-in form sets, and the refresh cookie refreshes", async ({
  context,
  user,
  signIn,
  openBrowser,
}) => {
  await signIn.jwt(user);
  const viaForm = await openBrowser();
  await viaForm.jwtPages.signIn(user.email);

  const mine = await jwtCookies(context);
  const theirs = await jwtCookies(viaForm.context);
  expect(shapeOf(mine.access)).toEqual(shapeOf(theirs.access));
  expect(shapeOf(mine.refresh)).toEqual(shapeOf(theirs.refresh));
  expectSameLifetime(mine.access, theirs.access);
  expectSameLifetime(mine.refresh, theirs.refresh);

  // The browser sends the refresh cookie to the refresh endpoint (its path) and the app takes it.
  const refreshed = await context.request.post("/api/jwt/refresh", {
    data: {},
    headers: { origin: new URL(viaForm.page.url()).origin },
  });
  expect(refreshed.status()).toBe(200);
  expect((await jwtCookies(context)).refresh?.value).not.toBe(mine.refresh!.value);
});

test("the OAuth fixture sets the cookie Auth.js sets", async ({ context, user, signIn, openBrowser }) => {
  await signIn.oauth(user);
  const viaProvider = await openBrowser();
  await viaProvider.oauthPages.startSignIn("Local demo provider");
  await viaProvider.oauthPages.completeDemoIdp({ email: user.email.replace("@", "-idp@") });
  await expect(viaProvider.page).toHaveURL("/oauth/signed-in");

  const cookieOf = async (of: BrowserContext) =>
    (await of.cookies()).find((cookie) => cookie.name === OAUTH_SESSION_COOKIE);
  const [mine, theirs] = [await cookieOf(context), await cookieOf(viaProvider.context)];
  expect(shapeOf(mine)).toEqual(shapeOf(theirs));
  expectSameLifetime(mine, theirs);
});
