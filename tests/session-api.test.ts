import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getSession } from "@/app/api/session/route";
import { POST as changePassword } from "@/app/api/session/password/route";
import { POST as revoke } from "@/app/api/session/sessions/[id]/revoke/route";
import { POST as signIn } from "@/app/api/session/sign-in/route";
import { POST as signOutEverywhere } from "@/app/api/session/sign-out-everywhere/route";
import { POST as signOut } from "@/app/api/session/sign-out/route";
import { setUserDisabled } from "@/lib/auth/disable";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { unsealSessionToken } from "@/lib/session/cookie";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import {
  createOAuthSession,
  createPasswordUser,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/factories";
import { clientIp, cookieHeader, jsonRequest, setCookies } from "@/tests/support/http";
import {
  editStoredSession,
  endRateLimitWindows,
  liveSessionCount,
  sessionBackend,
  storedSession,
  storedSessions,
} from "@/tests/support/stores";

async function signedIn(email: string, password = TEST_PASSWORD, previous?: string) {
  const response = await signIn(
    jsonRequest("/api/session/sign-in", { body: { email, password }, cookie: previous, headers: clientIp() }),
  );
  expect(response.status).toBe(200);
  const cookie = setCookies(response).find((c) => c.name === "authlab-session");
  expect(cookie).toBeDefined();
  return { response, cookie: cookieHeader(cookie!), raw: cookie! };
}

async function currentSession(cookie: string) {
  return getSession(jsonRequest("/api/session", { cookie }));
}

describe("session mode API", () => {
  it("sets an HttpOnly, SameSite=Lax, Path=/ cookie holding a sealed token stored only as a hash", async () => {
    const user = await createPasswordUser();
    const { raw } = await signedIn(user.email);
    expect(raw.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/", "max-age": "604800" });
    expect(raw.attributes.secure).toBeUndefined(); // Secure and __Host- are production-only (see session-cookie.test.ts)

    const token = await unsealSessionToken(decodeURIComponent(raw.value));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(raw.value).not.toContain(token!);
    const rows = await storedSessions(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token!).digest("hex"));
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
  });

  it("answers an unknown email and a wrong password with the same status and body", async () => {
    const user = await createPasswordUser();
    const unknown = await signIn(
      jsonRequest("/api/session/sign-in", {
        body: { email: uniqueEmail(), password: TEST_PASSWORD },
        headers: clientIp(),
      }),
    );
    const wrong = await signIn(
      jsonRequest("/api/session/sign-in", {
        body: { email: user.email, password: "not the password" },
        headers: clientIp(),
      }),
    );
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
    expect(setCookies(unknown)).toEqual([]);
  });

  it("rejects and deletes a session past its idle limit, and one past its absolute limit", async () => {
    const user = await createPasswordUser();
    for (const field of ["idleExpiresAt", "absoluteExpiresAt"] as const) {
      const { cookie } = await signedIn(user.email);
      expect((await currentSession(cookie)).status).toBe(200);
      const [row] = await storedSessions(user.id);
      await editStoredSession(row!.id, { [field]: new Date(Date.now() - 1000) });
      const response = await currentSession(cookie);
      expect(response.status).toBe(401);
      expect(setCookies(response)[0]).toMatchObject({
        name: "authlab-session",
        value: "",
        attributes: { "max-age": "0" },
      });
      expect(await storedSession(row!.id)).toBeNull();
    }
  });

  it("slides the idle expiry forward on use, but not past the absolute limit", async () => {
    const user = await createPasswordUser();
    const { cookie } = await signedIn(user.email);
    const [row] = await storedSessions(user.id);
    const soon = new Date(Date.now() + 5 * 60 * 1000);
    await editStoredSession(row!.id, {
      lastSeenAt: new Date(Date.now() - 2 * 60 * 1000),
      idleExpiresAt: new Date(Date.now() + 60_000),
      absoluteExpiresAt: soon,
    });
    expect((await currentSession(cookie)).status).toBe(200);
    const renewed = (await storedSession(row!.id))!;
    expect(renewed.idleExpiresAt.getTime()).toBe(soon.getTime());
    expect(renewed.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 5000);
  });

  it("issues a new session on every sign-in and kills the one the browser had", async () => {
    const user = await createPasswordUser();
    const first = await signedIn(user.email);
    const second = await signedIn(user.email, TEST_PASSWORD, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await currentSession(first.cookie)).status).toBe(401);
    expect((await currentSession(second.cookie)).status).toBe(200);
    expect(await liveSessionCount(user.id)).toBe(1);
    const replaced = (await storedSessions(user.id)).find((row) => row.revokedAt);
    expect(replaced?.revokedReason).toBe("replaced_by_sign_in");
  });

  it("signs out: revokes the row, clears the cookie and asks the browser to drop cookies", async () => {
    const user = await createPasswordUser();
    const { cookie } = await signedIn(user.email);
    const response = await signOut(jsonRequest("/api/session/sign-out", { method: "POST", cookie }));
    expect(response.status).toBe(200);
    expect(response.headers.get("clear-site-data")).toBe('"cookies"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(setCookies(response)[0]).toMatchObject({ name: "authlab-session", value: "" });
    expect(await liveSessionCount(user.id)).toBe(0);
    const [revoked] = await storedSessions(user.id);
    expect(revoked?.revokedReason).toBe("signed_out");
    expect((await currentSession(cookie)).status).toBe(401);
    const events = await db.auditEvent.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => event.type)).toEqual(["sign_in.succeeded", "sign_out"]);
  });

  it("revokes one session from another, and signs out everywhere", async () => {
    const user = await createPasswordUser();
    const a = await signedIn(user.email);
    const b = await signedIn(user.email);
    const c = await signedIn(user.email);
    const bId = ((await (await currentSession(b.cookie)).json()) as { session: { id: string } }).session.id;

    const revoked = await revoke(
      jsonRequest(`/api/session/sessions/${bId}/revoke`, { method: "POST", cookie: a.cookie }),
      {
        params: Promise.resolve({ id: bId }),
      },
    );
    expect(revoked.status).toBe(200);
    expect((await currentSession(b.cookie)).status).toBe(401);
    expect((await currentSession(c.cookie)).status).toBe(200);

    // Another user cannot revoke it (nor learn whether it exists).
    const stranger = await signedIn((await createPasswordUser()).email);
    const cId = ((await (await currentSession(c.cookie)).json()) as { session: { id: string } }).session.id;
    const refused = await revoke(
      jsonRequest(`/api/session/sessions/${cId}/revoke`, { method: "POST", cookie: stranger.cookie }),
      {
        params: Promise.resolve({ id: cId }),
      },
    );
    expect(refused.status).toBe(404);
    expect((await currentSession(c.cookie)).status).toBe(200);

    const everywhere = await signOutEverywhere(
      jsonRequest("/api/session/sign-out-everywhere", { method: "POST", cookie: a.cookie }),
    );
    expect(await everywhere.json()).toEqual({ revoked: 2 });
    expect((await currentSession(a.cookie)).status).toBe(401);
    expect((await currentSession(c.cookie)).status).toBe(401);
  });

  it("changing the password revokes the user's other sessions and keeps this one", async () => {
    const user = await createPasswordUser();
    const mine = await signedIn(user.email);
    const other = await signedIn(user.email);
    const response = await changePassword(
      jsonRequest("/api/session/password", {
        cookie: mine.cookie,
        body: {
          currentPassword: TEST_PASSWORD,
          newPassword: "a brand new passphrase",
          confirmPassword: "a brand new passphrase",
        },
      }),
    );
    expect(response.status).toBe(200);
    expect((await currentSession(other.cookie)).status).toBe(401);
    expect((await currentSession(mine.cookie)).status).toBe(200);
    const credential = await db.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword(credential.hash, "a brand new passphrase")).toBe(true);
  });

  it("stops a disabled user's sessions at once", async () => {
    const user = await createPasswordUser();
    const { cookie } = await signedIn(user.email);
    await setUserDisabled(user.email, true);
    expect((await currentSession(cookie)).status).toBe(401);
  });

  // The database backend reads the user with the session, so even a row changed behind the app's
  // back counts. Redis keeps the user's copy from sign-in: disabling goes through the verb above.
  if (sessionBackend === "database") {
    it("stops the sessions of a user disabled behind the app's back", async () => {
      const user = await createPasswordUser();
      const { cookie } = await signedIn(user.email);
      await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      expect((await currentSession(cookie)).status).toBe(401);
    });
  }

  it("trips the per-account rate limit with 429 and Retry-After, then recovers", async () => {
    const user = await createPasswordUser();
    const client = clientIp();
    const attempt = (password: string) =>
      signIn(jsonRequest("/api/session/sign-in", { body: { email: user.email, password }, headers: client }));
    for (let i = 0; i < RATE_LIMITS.signInPerAccountAndIp.limit; i++)
      expect((await attempt("wrong password")).status).toBe(401);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBe(RATE_LIMITS.signInPerAccountAndIp.blockSeconds);

    // The block ends by itself (moved into the past here, as time would).
    await endRateLimitWindows(
      `${RATE_LIMITS.signInPerAccountAndIp.name}:${user.email}|${client["x-forwarded-for"]}`,
    );
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it("refuses bad input with a 4xx and no side effect", async () => {
    const cases: [Request, number][] = [
      [jsonRequest("/api/session/sign-in", { body: "{not json" }), 400],
      [jsonRequest("/api/session/sign-in", { body: { email: "nope", password: "x" } }), 400],
      [
        jsonRequest("/api/session/sign-in", { body: { email: uniqueEmail(), password: "x".repeat(600) } }),
        400,
      ],
      [
        jsonRequest("/api/session/sign-in", {
          body: "email=a&password=b",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
      ],
    ];
    for (const [request, status] of cases) {
      const response = await signIn(request);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });
});

describe("session sign-out with other modes in the same browser", () => {
  it("also revokes the JWT family and deletes the Auth.js session the browser is told to drop", async () => {
    const user = await createPasswordUser();
    const { cookie } = await signedIn(user.email);
    const pair = await issueTokenPair(user, { ipAddress: "203.0.113.9", userAgent: "vitest" });
    const { sessionToken, sessionId } = await createOAuthSession(user.id);
    const all = [
      cookie,
      `${jwtCookieNames().access}=${pair.access.token}`,
      `${oauthSessionCookieName()}=${sessionToken}`,
    ];

    const response = await signOut(
      jsonRequest("/api/session/sign-out", { method: "POST", cookie: all.join("; ") }),
    );
    expect(response.status).toBe(200);
    expect(
      (await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } })).revokedAt,
    ).not.toBeNull();
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });
});
