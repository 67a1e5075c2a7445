// Issue 10, item 1, for the pages and server actions: a hostile `next` (in the address, or
// planted in the form's hidden field) never sends the browser off the app. The route handler
// and Auth.js callback are covered in tests/open-redirect.test.ts.
import type { Page } from "@playwright/test";
import { expect, TEST_PASSWORD, test, uniqueEmail } from "./fixtures";
import { E2E_BASE_URL } from "./support/server-config";

/** The payloads of the issue plus the encoded, dot-segment and backslash variants. */
const PAYLOADS = [
  "/.//evil.example",
  "/%2e//evil.example",
  "/a/..//evil.example",
  "/\\evil.example",
  "/%5cevil.example",
  "/%2f%2fevil.example",
  "/\t/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

async function plantNext(page: Page, value: string): Promise<void> {
  await page.locator('input[type="hidden"][name="next"]').evaluate((input, planted) => {
    (input as HTMLInputElement).value = planted;
  }, value);
}

/** Where each sign-in action lands when `next` is unsafe (its fallback). */
const FALLBACK = { session: "/dashboard", jwt: "/jwt" } as const;

for (const mode of ["session", "jwt"] as const) {
  test(`${mode} sign-in page: a hostile next never reaches the form`, async ({ page }) => {
    for (const payload of PAYLOADS) {
      await page.goto(`/${mode}/sign-in?${new URLSearchParams({ next: payload })}`);
      await expect(page.locator('input[type="hidden"][name="next"]')).toHaveValue(`/${mode}`);
    }
  });

  for (const payload of PAYLOADS) {
    test(`${mode} sign-in action: next=${JSON.stringify(payload)} planted in the form stays on this origin`, async ({
      page,
      user,
    }) => {
      await page.goto(`/${mode}/sign-in`);
      await plantNext(page, payload);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      // The action falls back to its default destination, on this origin.
      await expect(page).toHaveURL(`${E2E_BASE_URL}${FALLBACK[mode]}`);
    });
  }
}

test("sign-up: a hostile next planted in the form comes back as the safe default", async ({ page }) => {
  for (const payload of PAYLOADS.slice(0, 3)) {
    await page.goto(`/session/sign-up?${new URLSearchParams({ next: payload })}`);
    await expect(page.locator('input[type="hidden"][name="next"]')).toHaveValue("/session");
    await plantNext(page, payload);
    await page.getByLabel("Email").fill(uniqueEmail("redirect"));
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/session/sign-in?notice=signed-up&next=%2Fdashboard`);
  }
});

test("OAuth sign-in page: next and callbackUrl fall back to the signed-in page", async ({ page }) => {
  for (const payload of PAYLOADS) {
    for (const name of ["next", "callbackUrl"]) {
      await page.goto(`/oauth/sign-in?${new URLSearchParams({ [name]: payload })}`);
      const fields = page.locator('input[type="hidden"][name="next"]');
      const count = await fields.count();
      expect(count).toBeGreaterThan(0);
      for (let index = 0; index < count; index += 1) {
        await expect(fields.nth(index)).toHaveValue("/oauth/signed-in");
      }
    }
  }
});
