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
import { hashToken } from "@/lib/crypto/tokens";
import { getRequestIdentity } from "@/lib/identity";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
  uniqueEmail,
} from "@/tests/support/factories";
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

/** Every provider-token column of the user's linked accounts (authlab keeps none). */
const providerTokensOf = (userId: string) =>
  db.account.findMany({
    where: { userId },
    select: {
      access_token: true,
      refresh_token: true,
      id_token: true,
      expires_at: true,
      token_type: true,
      session_state: true,
    },
  });
const NO_PROVIDER_TOKENS = {
  access_token: null,
  refresh_token: null,
  id_token: null,
  expires_at: null,
  token_type: null,
  session_state: null,
};

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
      where: { sessionToken: hashToken(jar.get("authjs.session-token")!) },
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
    // Linked from Connections, like signing up: the provider's tokens are not kept.
    expect(await providerTokensOf(user.id)).toEqual([NO_PROVIDER_TOKENS]);
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
    expect(await db.session.findUnique({ where: { sessionToken: hashToken(oldToken) } })).toBeNull();
    expect(await rowsFor(email)).toMatchObject({ sessions: 1 });
  });
});

describe("what the database keeps of an Auth.js sign-in", () => {
  const COOKIE = "authjs.session-token";

  /** A real sign-in with the demo provider: the browser's cookie jar and the new user's id. */
  async function signedIn(label: string): Promise<{ jar: Jar; token: string; userId: string }> {
    const email = uniqueEmail(label);
    const { jar, authorizeUrl } = await startFlow();
    await finish(await authorizeAtIdp(authorizeUrl, email), jar);
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return { jar, token: jar.get(COOKIE)!, userId: user.id };
  }

  const sessionOf = async (jar: Jar) =>
    (await (await route.GET(appRequest("/api/auth/session", jar))).json()) as {
      user?: { id: string };
    } | null;

  it("stores only the SHA-256 of the session token, never the cookie's value, and no provider token", async () => {
    const { token, userId } = await signedIn("digest");
    // 256 CSPRNG bits in the cookie (ASVS 7.2.3), not Auth.js's default UUID.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.session.findMany({ where: { userId }, select: { sessionToken: true } });
    expect(rows).toEqual([{ sessionToken: hashToken(token) }]);
    expect(rows[0]!.sessionToken).not.toBe(token);
    expect(await db.session.count({ where: { sessionToken: token } })).toBe(0);
    expect(await providerTokensOf(userId)).toEqual([NO_PROVIDER_TOKENS]);
  });

  it("refuses the stored column replayed as a cookie (a database leak), while the real cookie works until sign-out", async () => {
    const { jar, token, userId } = await signedIn("leak");
    const [{ sessionToken: stored } = { sessionToken: "" }] = await db.session.findMany({
      where: { userId },
      select: { sessionToken: true },
    });
    const leaked: Jar = new Map([[COOKIE, stored]]);
    expect(await sessionOf(leaked)).toBeNull();
    const identity = await getRequestIdentity(appRequest("/api/me", leaked));
    expect(identity.user).toBeNull();
    // The replay ended nothing: the owner's session is still there and still works.
    expect(await db.session.count({ where: { userId } })).toBe(1);
    expect((await sessionOf(jar))?.user?.id).toBe(userId);
    expect((await getRequestIdentity(appRequest("/api/me", jar))).modes.oauth?.user.id).toBe(userId);

    // Auth.js's own sign-out finds the row by the cookie's token and deletes it.
    const csrf = await route.GET(appRequest("/api/auth/csrf", jar));
    store(jar, csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken }).toString();
    store(jar, await route.POST(appRequest("/api/auth/signout", jar, { method: "POST", body })));
    expect(jar.has(COOKIE)).toBe(false);
    expect(await db.session.count({ where: { userId } })).toBe(0);
    expect(await sessionOf(new Map([[COOKIE, token]]))).toBeNull();
  });

  it("slides a session through the adapter and writes the cookie's own token back, never the digest", async () => {
    const user = await createPasswordUser();
    // An hour left of a 30-day session: due for Auth.js's sliding update (updateAge, one day).
    const { sessionToken, sessionId } = await createOAuthSession(user.id, { expiresInMs: 3600_000 });
    const before = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const response = await route.GET(appRequest("/api/auth/session", new Map([[COOKIE, sessionToken]])));
    expect(((await response.json()) as { user: { id: string } }).user.id).toBe(user.id);
    const written = response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${COOKIE}=`))
      ?.split(";")[0];
    expect(written).toBe(`${COOKIE}=${sessionToken}`);
    const after = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.expires.getTime()).toBeGreaterThan(before.expires.getTime());
    expect(after.sessionToken).toBe(hashToken(sessionToken));
  });
});
