import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getRequestIdentity } from "@/lib/identity";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { inspectJwtCredentials } from "@/lib/jwt/identity";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { sessionCookieName } from "@/lib/session/cookie";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { accessCookieHeader } from "@/tests/support/jwt";
import { withoutDatabase } from "@/tests/support/no-database";

async function sessionCookie(email: string): Promise<string> {
  return (await signInSessionUser({ email })).cookieHeader;
}

async function accessToken(user: { id: string; email: string; name: string | null }): Promise<string> {
  return (await issueTokenPair(user, testContext())).access.token;
}

async function oauthCookie(userId: string): Promise<string> {
  return (await createOAuthSession(userId)).cookieHeader;
}

function request(cookies: string[], headers: Record<string, string> = {}): Request {
  return new Request("http://localhost:3000/dashboard", {
    headers: { ...(cookies.length ? { cookie: cookies.join("; ") } : {}), ...headers },
  });
}

describe("getIdentity", () => {
  it("reads nobody from a request without credentials", async () => {
    expect(await getRequestIdentity(request([]))).toEqual({
      user: null,
      mode: null,
      modes: {},
      unavailable: [],
    });
  });

  it("reports each mode alone", async () => {
    const user = await createPasswordUser();
    const expectOnly = async (req: Request, mode: string) => {
      const identity = await getRequestIdentity(req);
      expect(Object.keys(identity.modes)).toEqual([mode]);
      expect(identity).toMatchObject({ mode, user: { id: user.id, email: user.email } });
    };
    await expectOnly(request([await sessionCookie(user.email)]), "session");
    await expectOnly(request([accessCookieHeader(await accessToken(user))]), "jwt");
    await expectOnly(request([], { authorization: `Bearer ${await accessToken(user)}` }), "jwt");
    await expectOnly(request([await oauthCookie(user.id)]), "oauth");
  });

  it("gives each mode its own user when a browser mixes users, and picks by precedence", async () => {
    const [alice, bob, carol] = await Promise.all([
      createPasswordUser(),
      createPasswordUser(),
      createPasswordUser(),
    ]);
    const cookies = [
      await sessionCookie(alice.email),
      accessCookieHeader(await accessToken(bob)),
      await oauthCookie(carol.id),
    ];
    const identity = await getRequestIdentity(request(cookies));
    expect(identity.modes.session?.user.id).toBe(alice.id);
    expect(identity.modes.jwt?.user.id).toBe(bob.id);
    expect(identity.modes.oauth?.user.id).toBe(carol.id);
    expect(identity).toMatchObject({ mode: "jwt", user: { id: bob.id } });

    // Without the JWT, session comes next; without both, OAuth.
    expect((await getRequestIdentity(request([cookies[0]!, cookies[2]!]))).mode).toBe("session");
    expect((await getRequestIdentity(request([cookies[2]!]))).mode).toBe("oauth");
    // An explicit Bearer header is the caller's choice and wins over the cookies.
    const withBearer = await getRequestIdentity(
      request(cookies, { authorization: `Bearer ${await accessToken(carol)}` }),
    );
    expect(withBearer).toMatchObject({ mode: "jwt", user: { id: carol.id } });
  });

  it("ignores malformed credentials and keeps the valid ones", async () => {
    const user = await createPasswordUser();
    const garbage = [
      `${sessionCookieName()}=Fe26.2**nonsense`,
      `${jwtCookieNames().access}=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`,
      `${oauthSessionCookieName()}=${randomUUID()}`,
    ];
    expect(await getRequestIdentity(request(garbage))).toEqual({
      user: null,
      mode: null,
      modes: {},
      unavailable: [],
    });
    expect(await getRequestIdentity(request([], { authorization: "Bearer not.a.jwt" }))).toMatchObject({
      user: null,
    });

    const mixed = await getRequestIdentity(
      request([await sessionCookie(user.email), garbage[1]!, garbage[2]!]),
    );
    expect(Object.keys(mixed.modes)).toEqual(["session"]);
  });

  it("reads no database row for a valid JWT-only request", async () => {
    const user = await createPasswordUser();
    const token = await accessToken(user);
    await verifyAccessToken(token); // a running server has its verification keys cached

    const { result: identity, touched } = await withoutDatabase(() =>
      getRequestIdentity(request([accessCookieHeader(token)])),
    );
    expect(identity).toMatchObject({ mode: "jwt", user: { id: user.id } });
    expect(touched).toEqual([]);
  });
});

describe("inspectJwtCredentials", () => {
  const inspect = (cookies: string[], headers: Record<string, string> = {}) =>
    inspectJwtCredentials(sourceFromRequest(request(cookies, headers)));

  it("answers with the one Result shape: nothing presented, verified, or why not", async () => {
    const user = await createPasswordUser();
    expect(await inspect([])).toEqual({ ok: true, value: null });
    expect(await inspect([accessCookieHeader(await accessToken(user))])).toMatchObject({
      ok: true,
      value: { mode: "jwt", user: { id: user.id }, credential: { transport: "cookie" } },
    });
    expect(await inspect([], { authorization: `Bearer ${await accessToken(user)}` })).toMatchObject({
      ok: true,
      value: { credential: { transport: "bearer", cookieName: null } },
    });
    expect(await inspect([], { authorization: "Bearer two tokens" })).toEqual({
      ok: false,
      reason: "The access token is malformed",
    });
    expect(await inspect([accessCookieHeader("a.b.c")])).toEqual({
      ok: false,
      reason: "The access token is malformed",
    });
  });
});
