// "Sign out everywhere" ends every mode's server-side state for the account, and with
// JWT_DENYLIST=1 the access tokens issued before it are refused at once (env switched per file,
// as in tests/jwt-denylist.test.ts).
import { describe, expect, it } from "vitest";
import { POST as signOutEverywhere } from "@/app/api/session/sign-out-everywhere/route";
import { db } from "@/lib/db";
import { getRequestIdentity } from "@/lib/identity";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { issueTokenPair, refreshTokenPair } from "@/lib/jwt/token-pair";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { sessionCookieName } from "@/lib/session/cookie";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { denyListSwitch } from "@/tests/support/env";
import { jsonRequest } from "@/tests/support/http";
import { liveSessionCount } from "@/tests/support/stores";

const setDenyList = denyListSwitch();

/** Browser B: signed in with all three modes. Browser A: a session of the same user. */
async function twoBrowsers() {
  const user = await createPasswordUser();
  const a = await signInSessionUser(user);
  const b = await signInSessionUser(user);
  const pair = await issueTokenPair(user, testContext());
  const { sessionToken: oauthToken, sessionId: oauthSessionId } = await createOAuthSession(user.id);
  const bCookies = [
    `${sessionCookieName()}=${b.cookie.value}`,
    `${jwtCookieNames().access}=${pair.access.token}`,
    `${oauthSessionCookieName()}=${oauthToken}`,
  ].join("; ");
  return {
    user,
    a,
    pair,
    oauthSessionId,
    bRequest: () => new Request("http://localhost:3000/api/me", { headers: { cookie: bCookies } }),
  };
}

async function signOutEverywhereFrom(a: { cookie: { value: string } }): Promise<Response> {
  return signOutEverywhere(
    jsonRequest("/api/session/sign-out-everywhere", {
      method: "POST",
      cookie: `${sessionCookieName()}=${a.cookie.value}`,
    }),
  );
}

describe("sign out everywhere", () => {
  it("ends server sessions, refresh families, Auth.js sessions and sets tokensNotBefore, audited", async () => {
    setDenyList(false);
    const { user, a, pair, oauthSessionId, bRequest } = await twoBrowsers();
    expect(Object.keys((await getRequestIdentity(bRequest())).modes).sort()).toEqual([
      "jwt",
      "oauth",
      "session",
    ]);

    const response = await signOutEverywhereFrom(a);
    expect(response.status).toBe(200);
    // Two server sessions, one family, one Auth.js session.
    expect(await response.json()).toEqual({ revoked: 4 });

    expect(await liveSessionCount(user.id)).toBe(0);
    expect(await db.refreshTokenFamily.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.session.count({ where: { id: oauthSessionId } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).tokensNotBefore).not.toBeNull();
    expect(await refreshTokenPair(pair.refresh.token, testContext())).toEqual({
      ok: false,
      reason: "revoked",
    });

    // B: only the stateless access token is left, until its exp (no deny-list).
    expect(Object.keys((await getRequestIdentity(bRequest())).modes)).toEqual(["jwt"]);
    const events = await db.auditEvent.findMany({ where: { userId: user.id, type: "session.revoked_all" } });
    expect(events.map((event) => event.detail)).toEqual([
      { reason: "signed_out_everywhere", server_session: 2, refresh_family: 1, oauth_session: 1 },
    ]);
  });

  it("with JWT_DENYLIST=1, refuses an access token issued before it at once", async () => {
    setDenyList(true);
    const { pair, a, bRequest } = await twoBrowsers();
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: true });

    expect((await signOutEverywhereFrom(a)).status).toBe(200);

    expect(await verifyAccessToken(pair.access.token)).toEqual({
      ok: false,
      reason: "The access token was issued before the account's credentials were revoked",
    });
    const identity = await getRequestIdentity(bRequest());
    expect(identity.user).toBeNull();
    expect(identity.modes).toEqual({});
  });
});
