import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { cookieHeader, jsonRequest, setCookies } from "@/tests/support/http";
import { type OwnRedis, startOwnRedis } from "@/tests/support/redis-server";

// "Cannot check" is not "signed out", with Redis (REDIS_URL) holding sessions, rate limits and the
// JWT deny-list: a redis-server of this test's own is stopped under the running app. Everything
// that needs it answers 503 with Retry-After and the JSON error shape (never 401, never a 500),
// nothing is half-written in the database or in Redis, the outage is logged once, a JWT request
// that needs no store keeps working; Redis back (its data reloaded), the same requests succeed
// with no restart. Runs in every pass: it needs only the redis-server binary.

let redis: OwnRedis;
const ip = "198.51.100.78";

async function load() {
  return {
    db: (await import("@/lib/db")).db,
    stores: await import("@/tests/support/stores"),
    factories: await import("@/tests/support/factories"),
    health: (await import("@/app/api/health/route")).GET,
    me: (await import("@/app/api/me/route")).GET,
    session: (await import("@/app/api/session/route")).GET,
    signIn: (await import("@/app/api/session/sign-in/route")).POST,
    everywhere: (await import("@/app/api/session/sign-out-everywhere/route")).POST,
    token: (await import("@/app/api/jwt/token/route")).POST,
    revoke: (await import("@/app/api/jwt/revoke/route")).POST,
  };
}
let app: Awaited<ReturnType<typeof load>>;

beforeAll(async () => {
  redis = await startOwnRedis();
  // A fresh worker: no Redis client exists yet, so this URL is the one every module uses.
  vi.stubEnv("REDIS_URL", redis.url);
  vi.stubEnv("LOG_LEVEL", "error");
  resetEnvForTests();
  app = await load();
});

// A failed test must not leave Redis down (or frozen) for the next one.
afterEach(async () => {
  redis.thaw();
  await redis.start();
});

afterAll(async () => {
  const { disconnectRedis } = await import("@/lib/redis/client");
  await disconnectRedis();
  await redis?.close();
});

async function expectUnavailable(response: Response, code = "temporarily_unavailable"): Promise<void> {
  expect(response.status, await response.clone().text()).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(response.headers.getSetCookie()).toEqual([]);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
}

async function signedIn() {
  const user = await app.factories.createPasswordUser();
  const credentials = { email: user.email, password: app.factories.TEST_PASSWORD };
  const signIn = await app.signIn(
    jsonRequest("/api/session/sign-in", { body: credentials, headers: { "x-forwarded-for": ip } }),
  );
  expect(signIn.status).toBe(200);
  const cookie = cookieHeader(setCookies(signIn)[0]!);
  const issued = await app.token(
    jsonRequest("/api/jwt/token", { body: credentials, headers: { "x-forwarded-for": ip } }),
  );
  expect(issued.status).toBe(200);
  const tokens = (await issued.json()) as { access_token: string };
  return { user, credentials, cookie, bearer: { authorization: `Bearer ${tokens.access_token}` } };
}

/** What the database and Redis hold for a user: compared before and after a refused request. */
async function storedState(userId: string) {
  const { db, stores } = app;
  return {
    sessions: await stores.storedSessions(userId),
    families: await db.refreshTokenFamily.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    tokensNotBefore: (await db.user.findUniqueOrThrow({ where: { id: userId } })).tokensNotBefore,
    audit: await db.auditEvent.count({ where: { userId } }),
  };
}

describe("Redis goes away under a running app", () => {
  it("answers 503 without writing anything, logs the outage once, and recovers without a restart", async () => {
    const { user, credentials, cookie, bearer } = await signedIn();
    const everywhere = () =>
      app.everywhere(jsonRequest("/api/session/sign-out-everywhere", { method: "POST", cookie }));
    const before = await storedState(user.id);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});

    await redis.stop();

    await expectUnavailable(await app.health(jsonRequest("/api/health")), "redis_unreachable");
    await expectUnavailable(await app.session(jsonRequest("/api/session", { cookie })));
    await expectUnavailable(await app.me(jsonRequest("/api/me", { cookie })));
    await expectUnavailable(
      await app.signIn(
        jsonRequest("/api/session/sign-in", { body: credentials, headers: { "x-forwarded-for": ip } }),
      ),
    );
    await expectUnavailable(
      await app.revoke(jsonRequest("/api/jwt/revoke", { body: { token: bearer.authorization.slice(7) } })),
    );
    // The JWT deny-list lives in Redis: with it on, a Bearer request cannot be checked...
    vi.stubEnv("JWT_DENYLIST", "1");
    resetEnvForTests();
    await expectUnavailable(await app.me(jsonRequest("/api/me", { headers: bearer })));
    // ...with it off, a Bearer request needs no store and keeps working.
    vi.stubEnv("JWT_DENYLIST", "0");
    resetEnvForTests();
    expect((await app.me(jsonRequest("/api/me", { headers: bearer }))).status).toBe(200);

    const lost = logged.mock.calls.filter(([line]) => String(line).includes("redis: connection lost"));
    logged.mockRestore();
    expect(lost).toHaveLength(1);

    await redis.start();
    // The client reconnects by itself (at most a second apart); health says when it has.
    await expect
      .poll(async () => (await app.health(jsonRequest("/api/health"))).status, { timeout: 10_000 })
      .toBe(200);

    // Nothing was half-written: the session is live, nothing was revoked, no cut-off, no audit.
    const after = await storedState(user.id);
    expect(after).toEqual(before);
    expect(await app.stores.deniedAccessToken(decodeJwt(bearer.authorization.slice(7)).jti!)).toBeNull();

    // The same requests succeed, on the same process.
    expect((await app.me(jsonRequest("/api/me", { cookie }))).status).toBe(200);
    expect((await app.session(jsonRequest("/api/session", { cookie }))).status).toBe(200);
    const response = await everywhere();
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await app.session(jsonRequest("/api/session", { cookie }))).status).toBe(401);
  }, 60_000);

  it("refuses sign-out everywhere while Redis is down, leaving the database as it was", async () => {
    const { user, cookie } = await signedIn();
    // A second session to end, so a half-done revocation would show.
    const other = await app.factories.signInSessionUser(user);
    const before = await storedState(user.id);
    expect(before.families).toHaveLength(1);
    expect(before.families[0]!.revokedAt).toBeNull();

    await redis.stop();
    await expectUnavailable(
      await app.everywhere(jsonRequest("/api/session/sign-out-everywhere", { method: "POST", cookie })),
    );
    await redis.start();
    await expect
      .poll(async () => (await app.health(jsonRequest("/api/health"))).status, { timeout: 10_000 })
      .toBe(200);

    // The refresh family (database) and both sessions (Redis) are as they were.
    expect(await storedState(user.id)).toEqual(before);
    expect((await app.me(jsonRequest("/api/me", { cookie: other.cookieHeader }))).status).toBe(200);
  }, 60_000);

  it("answers 503 within seconds when Redis stops answering instead of refusing", async () => {
    const { cookie } = await signedIn();
    redis.freeze();
    try {
      await expectUnavailable(await app.me(jsonRequest("/api/me", { cookie })));
    } finally {
      redis.thaw();
    }
    await expect
      .poll(async () => (await app.me(jsonRequest("/api/me", { cookie }))).status, { timeout: 10_000 })
      .toBe(200);
  }, 60_000);
});
