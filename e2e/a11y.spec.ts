import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { watchCspViolations } from "./support/csp";

const publicPages = [
  "/",
  "/session/sign-in",
  "/session/sign-up",
  "/jwt/sign-in",
  "/oauth/sign-in",
  "/oauth/error?error=Configuration",
  "/dashboard",
];

for (const path of publicPages) {
  test(`${path} has no axe violations, no CSP violations and no horizontal overflow at 375 px`, async ({
    page,
  }) => {
    const csp = await watchCspViolations(page);
    await page.setViewportSize({ width: 375, height: 812 });
    // Not "networkidle": the dashboard polls its live feed every second, so on a loaded machine
    // the network is never idle for 500 ms. The page is hydrated once `load` has fired and the
    // main landmark is in the DOM; axe reads the DOM as it is then.
    await page.goto(path, { waitUntil: "load" });
    await expect(page.locator("main")).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await csp.read()).toEqual([]);
  });
}

test("the signed-in dashboard and account pages are accessible, break no CSP rule and fit 375 px", async ({
  page,
  user,
  signIn,
}) => {
  // Nine pages, each loaded and scanned by axe: more than one page's worth of time.
  test.setTimeout(180_000);
  const csp = await watchCspViolations(page);
  await signIn.session(user);
  await signIn.jwt(user);
  await signIn.oauth(user);
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of [
    "/dashboard",
    "/session",
    "/jwt",
    "/oauth/signed-in",
    "/account",
    "/account/sessions",
    "/account/password",
    "/account/connections",
    "/account/api-keys",
  ]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(results.violations.map((violation) => `${path} ${violation.id}: ${violation.help}`)).toEqual([]);
    expect(await csp.read(), path).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/dashboard");
  await page.screenshot({ path: test.info().outputPath("dashboard-375.png"), fullPage: true });
});
