// Integration: the real Auth.js route against the real demo OpenID provider (in process) and the
// real test database. Each flow is driven the way a browser would, with explicit cookie jars, so a
// callback can be replayed with missing or someone else's state/PKCE cookies.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as RouteModule from "@/app/api/auth/[...nextauth]/route";
import type { Database } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { revokeAllCredentials } from "@/lib/revocation";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { sessionCookieName } from "@/lib/session/cookie";
import { createPasswordUser, signInSessionUser, testContext, uniqueEmail } from "@/tests/support/factories";
import { linkIntentCookieName } from "@/lib/oauth/cookies";
import { demoClientsFor } from "@/lib/oauth/demo-idp/client";
import { signLinkIntent } from "@/lib/oauth/link-intent";
import { type DemoIdp, startDemoIdp } from "@/lib/oauth/demo-idp/server";
import { APP, appRequest, cookieHeader, type Jar, storeCookies as store } from "@/tests/support/oauth-flow";

let idp: DemoIdp;
let route: typeof RouteModule;
let db: Database;

/** Starts a sign-in with the demo provider; returns the browser's app cookies and the authorize URL. */
async function startFlow(callbackUrl?: string): Promise<{ jar: Jar; authorizeUrl: string }> {
  const jar: Jar = new Map();
  const csrf = await route.GET(appRequest("/api/auth/csrf", jar));
  store(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, ...(callbackUrl ? { callbackUrl } : {}) });
  const response = await route.POST(
    appRequest("/api/auth/signin/demo", jar, { method: "POST", body: form.toString() }),
  );
  store(jar, response);
  const authorizeUrl = response.headers.get("location") ?? "";
  expect(authorizeUrl.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  return { jar, authorizeUrl };
}

/** Logs in and consents at the demo provider; returns the app callback URL (with code and state). */
async function authorizeAtIdp(authorizeUrl: string, email: string): Promise<string> {
  const jar: Jar = new Map();
  let url = authorizeUrl;
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(`${APP}/api/auth/callback/`)) return url;
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      body,
      redirect: "manual",
      headers: { cookie: cookieHeader(jar), "content-type": "application/x-www-form-urlencoded" },
    });
    store(jar, response);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      body = undefined;
      continue;
    }
    const html = await response.text();
    const uid = /\/interaction\/([\w-]+)/.exec(url)?.[1];
    if (html.includes("Sign in to the demo provider")) {
      url = `${idp.issuer}/interaction/${uid}/login`;
      body = new URLSearchParams({ email }).toString();
    } else if (html.includes("Allow")) {
      url = `${idp.issuer}/interaction/${uid}/confirm`;
      body = "";
    } else {
      throw new Error(`demo provider answered ${response.status} at ${url}`);
    }
  }
  throw new Error("too many steps at the demo provider");
}

async function finish(callbackUrl: string, jar: Jar): Promise<Response> {
  const response = await route.GET(appRequest(callbackUrl, jar));
  store(jar, response);
  return response;
}

const rowsFor = async (email: string) => {
  const user = await db.user.findUnique({
    where: { email },
    include: { accounts: true, authSessions: true },
  });
  return { user, accounts: user?.accounts.length ?? 0, sessions: user?.authSessions.length ?? 0 };
};

beforeAll(async () => {
  // A free port first, so the app's settings can name the issuer before anything reads them.
  const probe = await startDemoIdp({ port: 0, clients: [] });
  const port = Number(new URL(probe.issuer).port);
  await probe.close();
  vi.stubEnv("DEMO_IDP_PORT", String(port));
  resetEnvForTests();
  const { env } = await import("@/lib/env");
  idp = await startDemoIdp({ port, clients: demoClientsFor(env) });
  route = await import("@/app/api/auth/[...nextauth]/route");
  ({ db } = await import("@/lib/db"));
});

afterAll(async () => {
  await idp?.close();
  vi.unstubAllEnvs();
});

describe("the OAuth callback", () => {
  it("signs in with the browser's own state and PKCE verifier (control)", async () => {
    const email = uniqueEmail("control");
    const { jar, authorizeUrl } = await startFlow();
    const response = await finish(await authorizeAtIdp(authorizeUrl, email), jar);
    // No callbackUrl given: Auth.js falls back to the origin.
    expect(response.headers.get("location")).toBe(`${APP}/`);
    expect(jar.get("authjs.session-token")).toBeTruthy();
    expect(await rowsFor(email)).toMatchObject({ accounts: 1, sessions: 1 });
    // The adapter records which provider's callback opened the session (the sessions page shows it).
    const session = await db.session.findUniqueOrThrow({
      where: { sessionToken: jar.get("authjs.session-token")! },
    });
    expect(session.provider).toBe("demo");
  });

  it("fails without the state and PKCE cookies, creating no user, account or session", async () => {
    const email = uniqueEmail("nocookies");
    const { authorizeUrl } = await startFlow();
    const jar: Jar = new Map();
    const response = await finish(await authorizeAtIdp(authorizeUrl, email), jar);
    expect(response.headers.get("location")).toBe(`${APP}/oauth/error?error=Configuration`);
    expect(jar.has("authjs.session-token")).toBe(false);
    expect(await rowsFor(email)).toEqual({ user: null, accounts: 0, sessions: 0 });
  });

  it("fails when the callback carries another browser's state (login CSRF), creating nothing", async () => {
    const victim = await startFlow();
    const attacker = await startFlow();
    const email = uniqueEmail("foreignstate");
    // The attacker's code and state, delivered into the victim's browser.
    const response = await finish(await authorizeAtIdp(attacker.authorizeUrl, email), victim.jar);
    expect(response.headers.get("location")).toBe(`${APP}/oauth/error?error=Configuration`);
    expect(victim.jar.has("authjs.session-token")).toBe(false);
    expect(await rowsFor(email)).toEqual({ user: null, accounts: 0, sessions: 0 });
  });

  it("fails when the PKCE verifier belongs to another flow: the provider refuses the code", async () => {
    const flow = await startFlow();
    const other = await startFlow();
    const email = uniqueEmail("foreignpkce");
    const jar = new Map(flow.jar);
    jar.set("authjs.pkce.code_verifier", other.jar.get("authjs.pkce.code_verifier")!);
    expect(jar.get("authjs.pkce.code_verifier")).not.toBe(flow.jar.get("authjs.pkce.code_verifier"));
    const response = await finish(await authorizeAtIdp(flow.authorizeUrl, email), jar);
    expect(response.headers.get("location")).toMatch(new RegExp(`^${APP}/oauth/(error|sign-in)\\?error=`));
    expect(jar.has("authjs.session-token")).toBe(false);
    expect(await rowsFor(email)).toEqual({ user: null, accounts: 0, sessions: 0 });
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "https://evil.example/oauth/signed-in",
    "/\\evil.example",
  ])("ends on the app's own origin for callbackUrl=%s", async (callbackUrl) => {
    const email = uniqueEmail("redirect");
    const { jar, authorizeUrl } = await startFlow(callbackUrl);
    const response = await finish(await authorizeAtIdp(authorizeUrl, email), jar);
    const location = new URL(response.headers.get("location") ?? "", "http://unset.invalid");
    expect(location.origin).toBe(APP);
    expect(location.pathname).toBe("/oauth/signed-in");
    expect(await rowsFor(email)).toMatchObject({ sessions: 1 });
  });

  it("keeps a same-origin callbackUrl", async () => {
    const email = uniqueEmail("sameorigin");
    const { jar, authorizeUrl } = await startFlow("/account/connections?tab=1");
    const response = await finish(await authorizeAtIdp(authorizeUrl, email), jar);
    expect(response.headers.get("location")).toBe(`${APP}/account/connections?tab=1`);
  });
});

describe("a link intent at the callback", () => {
  /** A password user signed in with a server session, holding an intent bound to that session. */
  async function linkingBrowser() {
    const user = await createPasswordUser();
    const { cookie, session } = await signInSessionUser(user);
    const { jar, authorizeUrl } = await startFlow("/account/connections");
    jar.set(cookie.name, cookie.value);
    const via = { mode: "session", sessionId: session.id } as const;
    jar.set(linkIntentCookieName(), await signLinkIntent({ userId: user.id, provider: "demo", via }));
    return { user, jar, authorizeUrl };
  }
  const providersOf = async (userId: string) =>
    (await db.account.findMany({ where: { userId }, select: { provider: true } })).map((a) => a.provider);

  it("links while the session that allowed it is valid (control)", async () => {
    const { user, jar, authorizeUrl } = await linkingBrowser();
    const response = await finish(await authorizeAtIdp(authorizeUrl, uniqueEmail("link")), jar);
    expect(response.headers.get("location")).toBe(`${APP}/account/connections?linked=demo`);
    expect(await providersOf(user.id)).toEqual(["demo"]);
  });

  it("links nothing once that session is revoked (password change), even with a valid JWT", async () => {
    const { user, jar, authorizeUrl } = await linkingBrowser();
    const callbackUrl = await authorizeAtIdp(authorizeUrl, uniqueEmail("revoked"));
    await revokeAllCredentials(user.id, "password_changed");
    // A JWT issued after the revocation is valid, and still not enough.
    jar.set(jwtCookieNames().access, (await issueTokenPair(user, testContext())).access.token);
    const response = await finish(callbackUrl, jar);
    expect(response.headers.get("location")).toBe(
      `${APP}/account/connections?error=not_signed_in&provider=demo`,
    );
    expect(await providersOf(user.id)).toEqual([]);
    expect(jar.has("authjs.session-token")).toBe(false);
  });

  it("links nothing when the browser holds only a JWT", async () => {
    const { user, jar, authorizeUrl } = await linkingBrowser();
    jar.delete(sessionCookieName());
    jar.set(jwtCookieNames().access, (await issueTokenPair(user, testContext())).access.token);
    const response = await finish(await authorizeAtIdp(authorizeUrl, uniqueEmail("jwtonly")), jar);
    expect(response.headers.get("location")).toBe(
      `${APP}/account/connections?error=not_signed_in&provider=demo`,
    );
    expect(await providersOf(user.id)).toEqual([]);
  });
});

describe("signing in again with a linked provider", () => {
  it("starts a fresh Auth.js session instead of keeping the old one", async () => {
    const email = uniqueEmail("again");
    const first = await startFlow();
    await finish(await authorizeAtIdp(first.authorizeUrl, email), first.jar);
    const oldToken = first.jar.get("authjs.session-token")!;
    expect(oldToken).toBeTruthy();

    const again = await startFlow();
    again.jar.set("authjs.session-token", oldToken);
    await finish(await authorizeAtIdp(again.authorizeUrl, email), again.jar);
    const newToken = again.jar.get("authjs.session-token");
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    expect(await db.session.findUnique({ where: { sessionToken: oldToken } })).toBeNull();
    expect(await rowsFor(email)).toMatchObject({ sessions: 1 });
  });
});
