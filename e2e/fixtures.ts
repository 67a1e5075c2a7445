// The project's own `test`: every spec imports `test` and `expect` from here, never from
// @playwright/test, so each one gets the per-test client IP, the page objects and the signed-in
// state helpers below.
import { randomInt } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { TEST_PASSWORD, uniqueEmail } from "../tests/support/test-data";
import { ApiKeyPages } from "./pages/api-keys";
import { JwtPages } from "./pages/jwt";
import { LabPages } from "./pages/lab";
import { OAuthPages } from "./pages/oauth";
import { SessionPages } from "./pages/session";
import { signInWithJwt, signInWithOAuth, signInWithSession } from "./support/sign-in";
import { createPasswordUser, type E2EUser } from "./support/users";

export { createPasswordUser, expect, TEST_PASSWORD, uniqueEmail, type E2EUser };

/** Puts one browser context in a signed-in state for a mode, without driving any form. */
export type SignIn = {
  session(user: E2EUser): Promise<{ sessionId: string }>;
  jwt(user: E2EUser): Promise<{ accessToken: string; refreshToken: string }>;
  /** Any user will do: OAuth mode needs no password, only an Auth.js session. */
  oauth(user: Pick<E2EUser, "id">): Promise<{ sessionToken: string }>;
};

/** A browser of its own (a separate cookie jar), with the same helpers as the test's own. */
export type OpenedBrowser = {
  context: BrowserContext;
  page: Page;
  sessionPages: SessionPages;
  jwtPages: JwtPages;
  oauthPages: OAuthPages;
  signIn: SignIn;
};

type Fixtures = {
  sessionPages: SessionPages;
  apiKeyPages: ApiKeyPages;
  /** /compare and the lab's experiment pages. */
  labPages: LabPages;
  jwtPages: JwtPages;
  oauthPages: OAuthPages;
  /** A password user made for this test alone (session and JWT mode can sign in with it). */
  user: E2EUser;
  /** Signs the test's own context in, per mode. */
  signIn: SignIn;
  /** Opens another browser; every one opened is closed when the test ends. */
  openBrowser: () => Promise<OpenedBrowser>;
};

function signInFor(context: BrowserContext): SignIn {
  return {
    session: (user) => signInWithSession(context, user),
    jwt: (user) => signInWithJwt(context, user),
    oauth: (user) => signInWithOAuth(context, user),
  };
}

export const test = base.extend<Fixtures>({
  // Every test gets its own client IP (the e2e server trusts X-Forwarded-For), so per-IP rate
  // limits never couple tests that run in parallel. Browsers a test opens inherit it.
  extraHTTPHeaders: async ({}, provide) => {
    const octet = () => randomInt(1, 251);
    await provide({ "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` });
  },
  sessionPages: async ({ page }, provide) => provide(new SessionPages(page)),
  apiKeyPages: async ({ page }, provide) => provide(new ApiKeyPages(page)),
  labPages: async ({ page }, provide) => provide(new LabPages(page)),
  jwtPages: async ({ page }, provide) => provide(new JwtPages(page)),
  oauthPages: async ({ page }, provide) => provide(new OAuthPages(page)),
  user: async ({}, provide) => provide(await createPasswordUser()),
  signIn: async ({ context }, provide) => provide(signInFor(context)),
  openBrowser: async ({ browser }, provide) => {
    const opened: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      opened.push(context);
      const page = await context.newPage();
      return {
        context,
        page,
        sessionPages: new SessionPages(page),
        jwtPages: new JwtPages(page),
        oauthPages: new OAuthPages(page),
        signIn: signInFor(context),
      };
    });
    for (const context of opened) await context.close();
  },
});
