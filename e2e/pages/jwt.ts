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

export type AccessTokenClaims = { iat: number; exp: number; jti: string } & Record<string, unknown>;

/** The claims of a compact JWT, read without verifying (tests only). */
export function claimsOf(token: string): AccessTokenClaims {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as AccessTokenClaims;
}

/** The `exp` claim of a compact JWT, in milliseconds. */
export function expiryOf(token: string): number {
  return claimsOf(token).exp * 1000;
}

/**
 * Asserts that `token` is a new access token, issued at or after `since` (ms) and not `previous`:
 * a refresh happened since then. Deliberately not "still unexpired now": the e2e server's access
 * tokens live 4 s, and on a loaded machine one page load can take that long.
 */
export function expectIssuedSince(token: string | undefined, since: number, previous?: string): void {
  expect(token, "an access token").toBeTruthy();
  const claims = claimsOf(token!);
  // iat has second precision.
  expect(claims.iat * 1000, "issued since").toBeGreaterThanOrEqual(Math.floor(since / 1000) * 1000);
  if (previous) expect(claims.jti, "a new token, not the one held before").not.toBe(claimsOf(previous).jti);
}
