import { type Page, expect } from "@playwright/test";
import { TEST_PASSWORD } from "../../tests/support/test-data";

/** What sign-up says, new address or taken (lib/auth/credentials.ts SIGN_UP_DONE_MESSAGE). */
export const SIGN_UP_NOTICE = /^If this address is new, your account is ready: sign in with it\./;

/** Session mode, as a person uses it. */
export class SessionPages {
  constructor(private readonly page: Page) {}

  /**
   * Creates an account through the form. Sign-up signs nobody in and answers a taken address the
   * same way: it lands on sign-in with one notice either way.
   */
  async signUp(email: string, password = TEST_PASSWORD, name = "E2E Person"): Promise<void> {
    await this.page.goto("/session/sign-up");
    await this.page.getByLabel("Name (optional)").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page).toHaveURL(/\/session\/sign-in\?notice=signed-up&next=%2Fsession$/);
    await expect(this.page.getByRole("status")).toHaveText(SIGN_UP_NOTICE);
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    await this.page.goto("/session/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.expectSignedIn(email);
  }

  async expectSignedIn(email: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/session$/);
    await expect(this.page.getByTestId("session-email")).toHaveText(email);
  }

  /** Loads a session-protected page and expects to be sent to sign-in instead. */
  async expectSignedOut(): Promise<void> {
    await this.page.goto("/session");
    await expect(this.page).toHaveURL(/\/session\/sign-in\?next=%2Fsession$/);
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
}
