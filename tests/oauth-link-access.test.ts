// Integration: the re-authentication rule for linking a provider, read from real credentials of
// each mode (real database, real session store, real JWTs) through the identity function.
import { describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { revokeAllCredentials } from "@/lib/revocation";
import { db } from "@/lib/db";
import { getRequestIdentity } from "@/lib/identity";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
  uniqueEmail,
} from "@/tests/support/factories";
import { accessCookieHeader } from "@/tests/support/jwt";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { readOAuthIdentity } from "@/lib/oauth/identity";
import { readSessionIdentity } from "@/lib/session/identity";
import {
  canLinkProviders,
  isLinkSessionLive,
  describeLinkRefusal,
  linkReauthMaxAgeMs,
  reauthenticationPath,
  type StatefulSignIns,
} from "@/lib/oauth/link-access";

type User = { id: string; email: string; name: string | null };

async function sessionCookie(user: User): Promise<{ cookie: string; sessionId: string; createdAt: Date }> {
  const { cookieHeader, session } = await signInSessionUser(user);
  return { cookie: cookieHeader, sessionId: session.id, createdAt: session.createdAt };
}

async function jwtCookie(user: User): Promise<string> {
  return accessCookieHeader((await issueTokenPair(user, testContext())).access.token);
}

async function oauthCookie(
  userId: string,
  createdAt = new Date(),
): Promise<{ cookie: string; sessionId: string }> {
  const { cookieHeader, sessionId } = await createOAuthSession(userId, { createdAt });
  return { cookie: cookieHeader, sessionId };
}

const identityOf = (cookies: string[]) =>
  getRequestIdentity(
    new Request("http://localhost:3000/account/connections", { headers: { cookie: cookies.join("; ") } }),
  );

/** What the callback checks: the session and OAuth readers, called on the request directly. */
async function signInsOf(cookies: string[]): Promise<StatefulSignIns> {
  const source = sourceFromRequest(
    new Request("http://localhost:3000/api/auth/callback/demo", { headers: { cookie: cookies.join("; ") } }),
  );
  return { session: await readSessionIdentity(source), oauth: await readOAuthIdentity(source) };
}

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

describe("canLinkProviders", () => {
  it("is the step-up window: ten minutes unless STEP_UP_WINDOW says otherwise", () => {
    expect(linkReauthMaxAgeMs()).toBe(10 * 60 * 1000);
    expect(describeLinkRefusal("stale")).toContain("from the last 10 minutes");
    vi.stubEnv("STEP_UP_WINDOW", "90");
    resetEnvForTests();
    try {
      expect(linkReauthMaxAgeMs()).toBe(90_000);
      expect(describeLinkRefusal("stale")).toContain("from the last 90 seconds");
    } finally {
      vi.unstubAllEnvs();
      resetEnvForTests();
    }
  });

  it("allows a fresh session-mode sign-in, up to ten minutes old, and binds to that session", async () => {
    const user = await createPasswordUser();
    const session = await sessionCookie(user);
    const identity = await identityOf([session.cookie]);
    const expected = {
      ok: true,
      value: { userId: user.id, via: { mode: "session", sessionId: session.sessionId } },
    };
    expect(canLinkProviders(identity, minutesAfter(session.createdAt, 1))).toEqual(expected);
    expect(canLinkProviders(identity, minutesAfter(session.createdAt, 10))).toEqual(expected);
    expect(canLinkProviders(identity, minutesAfter(session.createdAt, 11))).toEqual({
      ok: false,
      reason: "stale",
    });
  });

  it("allows a fresh Auth.js session and refuses a stale one", async () => {
    const user = await createPasswordUser();
    const fresh = await oauthCookie(user.id);
    expect(canLinkProviders(await identityOf([fresh.cookie]))).toEqual({
      ok: true,
      value: { userId: user.id, via: { mode: "oauth", sessionId: fresh.sessionId } },
    });
    const stale = await oauthCookie(user.id, new Date(Date.now() - 11 * 60_000));
    expect(canLinkProviders(await identityOf([stale.cookie]))).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses a JWT alone, however fresh", async () => {
    const user = await createPasswordUser();
    const identity = await identityOf([await jwtCookie(user)]);
    expect(identity.user?.id).toBe(user.id);
    expect(canLinkProviders(identity)).toEqual({ ok: false, reason: "stateless_only" });
  });

  it("uses the freshest stateful session of the shown user, next to a JWT of the same user", async () => {
    const user = await createPasswordUser();
    const stale = await oauthCookie(user.id, new Date(Date.now() - 30 * 60_000));
    const session = await sessionCookie(user);
    const identity = await identityOf([await jwtCookie(user), stale.cookie, session.cookie]);
    expect(identity.mode).toBe("jwt");
    expect(canLinkProviders(identity)).toMatchObject({
      ok: true,
      value: { via: { mode: "session", sessionId: session.sessionId } },
    });
  });

  it("never lends another user's session to the user a JWT shows", async () => {
    const [victim, holder] = await Promise.all([createPasswordUser(), createPasswordUser()]);
    const identity = await identityOf([await jwtCookie(victim), (await sessionCookie(holder)).cookie]);
    expect(identity.user?.id).toBe(victim.id);
    expect(canLinkProviders(identity)).toEqual({ ok: false, reason: "stateless_only" });
  });

  it("refuses nobody signed in", async () => {
    expect(canLinkProviders(await identityOf([]))).toEqual({ ok: false, reason: "not_signed_in" });
  });
});

describe("isLinkSessionLive", () => {
  it("holds while the allowing session is valid and dies with its revocation, JWT or not", async () => {
    const user = await createPasswordUser();
    const session = await sessionCookie(user);
    const via = { mode: "session", sessionId: session.sessionId } as const;
    const jwt = await jwtCookie(user);
    expect(isLinkSessionLive(await signInsOf([session.cookie]), user.id, via)).toBe(true);
    expect(isLinkSessionLive(await signInsOf([session.cookie]), "someone-else", via)).toBe(false);

    // Another session of the same user is not the one that allowed the link.
    const other = await sessionCookie(user);
    expect(isLinkSessionLive(await signInsOf([other.cookie]), user.id, via)).toBe(false);

    await revokeAllCredentials(user.id, "password_changed");
    expect(isLinkSessionLive(await signInsOf([session.cookie, jwt]), user.id, via)).toBe(false);
  });

  it("dies with a deleted Auth.js session (sign out everywhere)", async () => {
    const user = await createPasswordUser();
    const oauth = await oauthCookie(user.id);
    const via = { mode: "oauth", sessionId: oauth.sessionId } as const;
    expect(isLinkSessionLive(await signInsOf([oauth.cookie]), user.id, via)).toBe(true);
    await revokeAllCredentials(user.id, "signed_out_everywhere");
    expect(isLinkSessionLive(await signInsOf([oauth.cookie]), user.id, via)).toBe(false);
  });
});

describe("reauthenticationPath", () => {
  it("sends password users to the password form and others to the providers", async () => {
    const withPassword = await createPasswordUser();
    const providerOnly = await db.user.create({ data: { email: uniqueEmail("provider") } });
    expect(await reauthenticationPath(withPassword.id, "/account/connections")).toBe(
      "/session/sign-in?next=%2Faccount%2Fconnections",
    );
    expect(await reauthenticationPath(providerOnly.id, "/account/connections")).toBe(
      "/oauth/sign-in?callbackUrl=%2Faccount%2Fconnections",
    );
  });
});
