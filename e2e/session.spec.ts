import { expect, TEST_PASSWORD, test, uniqueEmail } from "./fixtures";
import { SIGN_UP_NOTICE, type SessionPages } from "./pages/session";

test("sign up, sign in, stay signed in across a reload, sign out, and be sent back to sign-in", async ({
  page,
  context,
  sessionPages: session,
}) => {
  const email = uniqueEmail("session");
  await session.signUp(email);
  expect((await context.cookies()).find((c) => c.name.endsWith("authlab-session"))).toBeUndefined();
  await session.signIn(email);

  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authlab-session"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(cookie!.value.startsWith("Fe26.2*")).toBe(true);

  await page.reload();
  await session.expectSignedIn(email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/session\/sign-in$/);
  expect((await context.cookies()).find((c) => c.name.endsWith("authlab-session"))).toBeUndefined();
  await session.expectSignedOut();
});

test("shows field errors and one generic message for bad credentials", async ({ page }) => {
  await page.goto("/session/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password", { exact: true }).fill("whatever it is");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "The email or password is incorrect." }),
  ).toBeVisible();

  // The toggle reveals the password as text and hides it again.
  const password = page.getByLabel("Password", { exact: true });
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(password).toHaveAttribute("type", "password");
});

test("sign out everywhere from one browser signs the other out on its next request", async ({
  user,
  openBrowser,
}) => {
  const first = await openBrowser();
  const second = await openBrowser();
  const one = first.sessionPages;
  const two = second.sessionPages;
  await first.signIn.session(user);
  await second.signIn.session(user);

  const page = first.page;
  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/session\/sign-in$/);

  await two.expectSignedOut();
  await one.expectSignedOut();
});

test("revoking one session from the sessions page signs out only that browser", async ({
  user,
  openBrowser,
}) => {
  const { email } = user;
  const browsers = [await openBrowser(), await openBrowser(), await openBrowser()];
  const pages = browsers.map((browser) => browser.page);
  const [mine, victim, bystander] = browsers.map((browser) => browser.sessionPages) as [
    SessionPages,
    SessionPages,
    SessionPages,
  ];
  for (const browser of browsers) await browser.signIn.session(user);

  // Identify the victim's session by asking the API as the victim.
  const response = await pages[1]!.request.get("/api/session");
  const victimId = ((await response.json()) as { session: { id: string } }).session.id;

  const page = pages[0]!;
  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-row")).toHaveCount(3);
  const row = page.getByTestId("session-row").filter({ has: page.locator(`input[value="${victimId}"]`) });
  await row.getByRole("button", { name: /^Revoke session on/ }).click();
  await expect(page.getByTestId("session-row")).toHaveCount(2);

  await victim.expectSignedOut();
  await page.goto("/session");
  await mine.expectSignedIn(email);
  await pages[2]!.goto("/session");
  await bystander.expectSignedIn(email);
});

test("sign-up answers a new and a taken address alike: same page, same notice, no cookie (ASVS 6.3.8)", async ({
  openBrowser,
}) => {
  const email = uniqueEmail("taken");
  const outcome = async (password: string) => {
    const { page, context, sessionPages } = await openBrowser();
    await sessionPages.signUp(email, password);
    return {
      url: page.url(),
      notice: await page.getByRole("status").textContent(),
      email: await page.getByLabel("Email").inputValue(),
      cookies: (await context.cookies()).map((cookie) => cookie.name).sort(),
    };
  };
  const created = await outcome(TEST_PASSWORD);
  const taken = await outcome("somebody else's password");
  expect(taken).toEqual(created);
  expect(created.cookies.filter((name) => name.includes("authlab"))).toEqual([]);

  // The account is the first one: its password signs in, the second sign-up's does not.
  const { page, sessionPages } = await openBrowser();
  await sessionPages.signIn(email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/session/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("somebody else's password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "The email or password is incorrect." }),
  ).toBeVisible();
});

test("sign-up from JWT mode returns to JWT sign-in with the notice", async ({ page }) => {
  await page.goto("/jwt/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/session\/sign-up\?next=%2Fjwt&via=jwt$/);
  await page.getByLabel("Email").fill(uniqueEmail("via-jwt"));
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/jwt\/sign-in\?notice=signed-up&next=%2Fjwt$/);
  await expect(page.getByRole("status")).toHaveText(SIGN_UP_NOTICE);
});
