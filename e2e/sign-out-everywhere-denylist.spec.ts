import { randomInt } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { claimsOf, JwtPages, jwtCookies } from "./pages/jwt";
import { SessionPages } from "./pages/session";
import { jsonColumn, query } from "./support/db";
import { type SecondServer, startSecondServer } from "./support/second-server";
import { E2E_PORT } from "./support/server-config";

// With JWT_DENYLIST=1, "sign out everywhere" also refuses the access tokens already issued, at
// once rather than at their exp (ASVS 7.4.1, 9.x; docs/jwt.md). A second instance of the
// deployment runs with the deny-list on and access tokens that live five minutes, so a refusal
// within the test can only come from the deny-list, not from expiry.

let server: SecondServer;

test.beforeAll(async () => {
  server = await startSecondServer(E2E_PORT + 52, { JWT_DENYLIST: "1", JWT_ACCESS_TTL: "300" });
});

test.afterAll(() => server?.stop());

async function openBrowser(browser: Browser) {
  const octet = () => randomInt(1, 251);
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    extraHTTPHeaders: { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` },
  });
  return { context, page: await context.newPage() };
}

test("with the deny-list on, sign out everywhere in browser A refuses browser B's access token at once", async ({
  browser,
  user,
}) => {
  const a = await openBrowser(browser);
  const b = await openBrowser(browser);
  try {
    await new SessionPages(a.page).signIn(user.email);
    await new JwtPages(b.page).signIn(user.email);
    const { access } = await jwtCookies(b.context);
    const bearer = { authorization: `Bearer ${access!.value}` };
    expect((await b.context.request.get("/api/me", { headers: bearer })).status()).toBe(200);

    await a.page.goto("/account/sessions");
    await expect(a.page.getByTestId("jwt-access-token-effect")).toHaveText(
      "Access tokens already issued are refused at once (the deny-list is on).",
    );
    await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(a.page).toHaveURL(/\/session\/sign-in$/);

    // Refused on its very next use, with minutes of its lifetime left: the deny-list, not exp.
    const me = await b.context.request.get("/api/me", { headers: bearer });
    expect(me.status()).toBe(401);
    expect(me.headers()["www-authenticate"]).toContain('error="invalid_token"');
    expect(claimsOf(access!.value).exp * 1000 - Date.now()).toBeGreaterThan(60_000);
    // The browser's own cookie is refused too: B's JWT page shows it signed out.
    await b.page.goto("/jwt");
    await expect(b.page).toHaveURL(/\/jwt\/sign-in/);

    const events = await query<{ detail: unknown }>(
      `SELECT "detail" FROM "audit_events" WHERE "userId" = ? AND "type" = 'session.revoked_all'`,
      [user.id],
    );
    expect(events.map((event) => jsonColumn(event.detail))).toEqual([
      { reason: "signed_out_everywhere", server_session: 1, refresh_family: 1, oauth_session: 0 },
    ]);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
