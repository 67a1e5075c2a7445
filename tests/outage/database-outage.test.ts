import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { cookieHeader, jsonRequest, setCookies } from "@/tests/support/http";
import type * as FactoryModule from "@/tests/support/factories";
import { startTcpProxy, type TcpProxy } from "@/tests/support/tcp-proxy";

type Factories = typeof FactoryModule;

// "Cannot check" is not "signed out": with PostgreSQL cut off under a running app, every request
// whose credential needs the store answers 503 with Retry-After (never 401, never a cleared
// cookie), a JWT Bearer request still verifies, and everything works again once the database is
// back, with no restart. Runs in the PostgreSQL pass (see vitest.config.mts).

let proxy: TcpProxy;
type Routes = Awaited<ReturnType<typeof loadRoutes>>;
let routes: Routes;
let factories: Factories;
const ip = "198.51.100.77";

async function loadRoutes() {
  return {
    health: (await import("@/app/api/health/route")).GET,
    me: (await import("@/app/api/me/route")).GET,
    session: (await import("@/app/api/session/route")).GET,
    signIn: (await import("@/app/api/session/sign-in/route")).POST,
    token: (await import("@/app/api/jwt/token/route")).POST,
    refresh: (await import("@/app/api/jwt/refresh/route")).POST,
    state: (await import("@/app/api/dashboard/state/route")).GET,
  };
}

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  // A fresh worker: no Prisma client exists yet, so this proxied URL is the one every module uses.
  vi.stubEnv("DATABASE_URL", url.toString());
  // The database's own outage: sessions and the deny-list in the database even in the Redis pass
  // (tests/redis-outage.test.ts stops Redis instead).
  vi.stubEnv("REDIS_URL", "");
  resetEnvForTests();
  routes = await loadRoutes();
  factories = await import("@/tests/support/factories");
});

afterAll(async () => {
  await proxy.restore().catch(() => {});
  await proxy.close();
});

async function signedIn() {
  const user = await factories.createPasswordUser();
  const credentials = { email: user.email, password: factories.TEST_PASSWORD };
  const signIn = await routes.signIn(
    jsonRequest("/api/session/sign-in", { body: credentials, headers: { "x-forwarded-for": ip } }),
  );
  expect(signIn.status).toBe(200);
  const sessionCookie = cookieHeader(setCookies(signIn)[0]!);
  const issued = await routes.token(
    jsonRequest("/api/jwt/token", { body: credentials, headers: { "x-forwarded-for": ip } }),
  );
  expect(issued.status, await issued.clone().text()).toBe(200);
  const tokens = (await issued.json()) as { access_token: string; refresh_token: string };
  const { cookieHeader: oauthCookie } = await factories.createOAuthSession(user.id);
  return { user, credentials, sessionCookie, oauthCookie, tokens };
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status, await response.clone().text()).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
}

describe("the database goes away under a running app", () => {
  it("answers 503, keeps Bearer JWTs working, and recovers without a restart", async () => {
    const { user, credentials, sessionCookie, oauthCookie, tokens } = await signedIn();
    const bearer = { authorization: `Bearer ${tokens.access_token}` };

    await proxy.cut();

    await expectUnavailable(await routes.health(jsonRequest("/api/health")));
    await expectUnavailable(await routes.me(jsonRequest("/api/me", { cookie: sessionCookie })));
    await expectUnavailable(await routes.me(jsonRequest("/api/me", { cookie: oauthCookie })));
    const session = await routes.session(jsonRequest("/api/session", { cookie: sessionCookie }));
    expect(session.headers.getSetCookie()).toEqual([]);
    await expectUnavailable(session);
    await expectUnavailable(
      await routes.state(jsonRequest("/api/dashboard/state", { cookie: sessionCookie })),
    );
    await expectUnavailable(
      await routes.signIn(
        jsonRequest("/api/session/sign-in", { body: credentials, headers: { "x-forwarded-for": ip } }),
      ),
    );
    await expectUnavailable(await routes.token(jsonRequest("/api/jwt/token", { body: credentials })));
    await expectUnavailable(
      await routes.refresh(
        jsonRequest("/api/jwt/refresh", { body: { refresh_token: tokens.refresh_token } }),
      ),
    );

    // Stateless verification needs no store: the access token still works.
    const jwt = await routes.me(jsonRequest("/api/me", { headers: bearer }));
    expect(jwt.status).toBe(200);
    expect(((await jwt.json()) as { user: { id: string } }).user.id).toBe(user.id);

    await proxy.restore();

    expect((await routes.health(jsonRequest("/api/health"))).status).toBe(200);
    for (const cookie of [sessionCookie, oauthCookie]) {
      const me = await routes.me(jsonRequest("/api/me", { cookie }));
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe(user.email);
    }
    const refreshed = await routes.refresh(
      jsonRequest("/api/jwt/refresh", { body: { refresh_token: tokens.refresh_token } }),
    );
    expect(refreshed.status).toBe(200);
    const again = await routes.signIn(
      jsonRequest("/api/session/sign-in", { body: credentials, headers: { "x-forwarded-for": ip } }),
    );
    expect(again.status).toBe(200);
  });

  it("answers 503 within seconds when the database stops answering instead of refusing", async () => {
    const { sessionCookie } = await signedIn();
    proxy.blackhole();
    const started = Date.now();
    await expectUnavailable(await routes.me(jsonRequest("/api/me", { cookie: sessionCookie })));
    // Bounded by the pool's connect timeout (lib/db/index.ts), not the operating system's.
    expect(Date.now() - started).toBeLessThan(15_000);
    await proxy.restore();
    expect((await routes.me(jsonRequest("/api/me", { cookie: sessionCookie }))).status).toBe(200);
  }, 40_000);
});
