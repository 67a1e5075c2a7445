import { type BrowserContext, type Cookie, type Page, expect } from "@playwright/test";
import { TEST_PASSWORD } from "../../tests/support/test-data";
import { JWT_ACCESS_COOKIE, JWT_REFRESH_COOKIE } from "../support/cookies";

/** JWT mode, as a person uses it. */
export class JwtPages {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    await this.page.goto("/jwt");
    await expect(this.page).toHaveURL(/\/jwt\/sign-in\?next=%2Fjwt$/);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.expectSignedIn(email);
  }

  async expectSignedIn(email: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/jwt$/);
    await expect(this.page.getByTestId("jwt-email")).toHaveText(email);
  }
}

/** The access and refresh cookies this context holds. */
export async function jwtCookies(context: BrowserContext): Promise<{ access?: Cookie; refresh?: Cookie }> {
  const cookies = await context.cookies();
  return {
    access: cookies.find((cookie) => cookie.name === JWT_ACCESS_COOKIE),
    refresh: cookies.find((cookie) => cookie.name === JWT_REFRESH_COOKIE),
  };
}

/** The `exp` claim of a compact JWT, in milliseconds (read without verifying: tests only). */
export function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as {
    exp: number;
  };
  return payload.exp * 1000;
}
