import { expect, type Page } from "@playwright/test";
import { OAUTH_SESSION_COOKIE } from "../support/cookies";
import { DEMO_IDP_URL, GITHUB_STUB_URL } from "../support/settings";

/** OAuth mode, as a person uses it: authlab's sign-in page, then the provider's screens. */
export class OAuthPages {
  constructor(private readonly page: Page) {}

  async startSignIn(providerName: string): Promise<void> {
    await this.page.goto("/oauth/sign-in");
    await this.page.getByRole("button", { name: `Sign in with ${providerName}` }).click();
  }

  /** At the demo OpenID provider: sign in as `email`, then allow (or deny) the consent screen. */
  async completeDemoIdp({
    email,
    name,
    consent = "Allow",
  }: {
    email: string;
    name?: string;
    consent?: "Allow" | "Deny";
  }): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`^${DEMO_IDP_URL}/interaction/`));
    await this.page.getByLabel("Any email").fill(email);
    if (name) await this.page.getByLabel("Name (optional)").fill(name);
    await this.page.getByRole("button", { name: "Sign in with this email" }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/^Allow authlab/);
    await this.page.getByRole("button", { name: consent }).click();
  }

  /** At the GitHub stub: authorize as this GitHub user. */
  async completeGitHubStub(user: { login: string; name?: string; email: string }): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`^${GITHUB_STUB_URL}/login/oauth/authorize`));
    await this.page.getByLabel("Login").fill(user.login);
    await this.page.getByLabel("Name").fill(user.name ?? "");
    await this.page.getByLabel("Primary email").fill(user.email);
    await this.page.getByRole("button", { name: "Authorize" }).click();
  }

  /** The Auth.js session token this browser holds, if any. */
  async sessionCookie(): Promise<string | undefined> {
    const cookies = await this.page.context().cookies();
    return cookies.find((cookie) => cookie.name === OAUTH_SESSION_COOKIE)?.value;
  }
}
