// Integration: the real Auth.js route against a provider that lies (tests/support/lying-provider.ts)
// and the real test database. Every lie about the ID token or the issuer must end the sign-in on
// the error page with no session and no account; the honest control proves the lies are the only
// difference. ASVS 5.0 6.8.2 / 10.5.x, OpenID Connect Core 3.1.3.7, RFC 9700 §4.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as RouteModule from "@/app/api/auth/[...nextauth]/route";
import type { Database } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { DEMO_CLIENT_ID } from "@/lib/oauth/demo-idp/client";
import { uniqueEmail } from "@/tests/support/factories";
import { type Lie, type LyingProvider, startLyingProvider } from "@/tests/support/lying-provider";
import { APP, appRequest, type Jar, storeCookies } from "@/tests/support/oauth-flow";

let provider: LyingProvider;
let route: typeof RouteModule;
let db: Database;

beforeAll(async () => {
  // A free port first, so the app's settings can name the issuer before anything reads them.
  const probe = await startLyingProvider(0, DEMO_CLIENT_ID);
  const port = Number(new URL(probe.issuer).port);
  await probe.close();
  vi.stubEnv("DEMO_IDP_PORT", String(port));
  resetEnvForTests();
  provider = await startLyingProvider(port, DEMO_CLIENT_ID);
  route = await import("@/app/api/auth/[...nextauth]/route");
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  await provider?.close();
  vi.unstubAllEnvs();
});

/** Signs in through the provider as `email`, lying as told; returns the app's last answer. */
async function signIn(lie: Lie, email: string): Promise<{ jar: Jar; response: Response }> {
  provider.lie = lie;
  provider.email = email;
  const jar: Jar = new Map();
  const csrf = await route.GET(appRequest("/api/auth/csrf", jar));
  storeCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await route.POST(
    appRequest("/api/auth/signin/demo", jar, {
      method: "POST",
      body: new URLSearchParams({ csrfToken }).toString(),
    }),
  );
  storeCookies(jar, start);
  const authorize = start.headers.get("location") ?? "";
  if (!authorize.startsWith(`${provider.issuer}/auth?`)) return { jar, response: start };
  const back = (await fetch(authorize, { redirect: "manual" })).headers.get("location") ?? "";
  expect(back.startsWith(`${APP}/api/auth/callback/demo?`)).toBe(true);
  const response = await route.GET(appRequest(back, jar));
  storeCookies(jar, response);
  return { jar, response };
}

async function expectRefused(lie: Lie): Promise<void> {
  const email = uniqueEmail(lie);
  const { jar, response } = await signIn(lie, email);
  expect(response.status).toBe(302);
  expect(new URL(response.headers.get("location") ?? "", APP).pathname).toBe("/oauth/error");
  expect(jar.has("authjs.session-token")).toBe(false);
  expect(await db.user.findUnique({ where: { email } })).toBeNull();
}

describe("ID tokens and issuers the app must refuse", () => {
  it("signs in when the provider tells the truth (control)", async () => {
    const email = uniqueEmail("honest");
    const { jar, response } = await signIn("none", email);
    expect(response.headers.get("location")).toBe(`${APP}/`);
    expect(jar.get("authjs.session-token")).toBeTruthy();
    const user = await db.user.findUnique({ where: { email }, include: { accounts: true } });
    expect(user?.accounts.map((account) => account.provider)).toEqual(["demo"]);
  });

  it("refuses an ID token signed with a key the provider does not publish (ASVS 6.8.2)", async () => {
    await expectRefused("unpublished-key");
  });

  it("refuses an unsigned ID token, alg none (RFC 8725 §3.1)", async () => {
    await expectRefused("alg-none");
  });

  it("refuses an ID token carrying another flow's nonce (ASVS 10.5.1)", async () => {
    await expectRefused("other-nonce");
  });

  it("refuses an ID token issued for another client (ASVS 10.5.4)", async () => {
    await expectRefused("other-audience");
  });

  it("refuses an ID token from another issuer, and metadata naming another issuer (ASVS 10.5.3)", async () => {
    await expectRefused("other-issuer");
    await expectRefused("metadata-issuer");
  });

  it("refuses an expired ID token", async () => {
    await expectRefused("expired");
  });
});
