import { expect, type Page } from "@playwright/test";
import { DEMO_IDP_URL, GITHUB_STUB_URL } from "../support/settings";

/** A unique address per test, so tests never share users. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@authlab.test`;
}

/** At the demo OpenID provider: sign in as `email`, then allow (or deny) the consent screen. */
export async function completeDemoIdp(
  page: Page,
  { email, name, consent = "Allow" }: { email: string; name?: string; consent?: "Allow" | "Deny" },
): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${DEMO_IDP_URL}/interaction/`));
  await page.getByLabel("Any email").fill(email);
  if (name) await page.getByLabel("Name (optional)").fill(name);
  await page.getByRole("button", { name: "Sign in with this email" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Allow authlab/);
  await page.getByRole("button", { name: consent }).click();
}

/** At the GitHub stub: authorize as this GitHub user. */
export async function completeGitHubStub(
  page: Page,
  user: { login: string; name?: string; email: string },
): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${GITHUB_STUB_URL}/login/oauth/authorize`));
  await page.getByLabel("Login").fill(user.login);
  await page.getByLabel("Name").fill(user.name ?? "");
  await page.getByLabel("Primary email").fill(user.email);
  await page.getByRole("button", { name: "Authorize" }).click();
}

export async function startSignIn(page: Page, providerName: string): Promise<void> {
  await page.goto("/oauth/sign-in");
  await page.getByRole("button", { name: `Sign in with ${providerName}` }).click();
}

export async function sessionCookie(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name === "authjs.session-token")?.value;
}
