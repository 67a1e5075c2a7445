import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as me } from "@/app/api/me/route";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { revokeCredential } from "@/lib/revocation";
import { parseServerTiming } from "@/lib/timing";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { denyListSwitch } from "@/tests/support/env";
import { jsonRequest } from "@/tests/support/http";
import { editStoredSession, sessionBackend } from "@/tests/support/stores";
import { accessCookieHeader, signedInUser } from "@/tests/support/jwt";

async function timingOf(request: Request) {
  const response = await me(request);
  expect(response.status).toBe(200);
  const header = response.headers.get("server-timing");
  expect(header).not.toBeNull();
  return parseServerTiming(header);
}

const queries = (desc: string | undefined) => Number(/^(\d+) quer/.exec(desc ?? "")?.[1] ?? Number.NaN);
const commands = (desc: string | undefined) => Number(/^(\d+) command/.exec(desc ?? "")?.[1] ?? 0);

/**
 * A mode's store round trips on this run's backend: SQL queries on the database; with REDIS_URL,
 * Redis commands, and then not one SQL query (issue 13's "a session check does no SQL query").
 */
function storeRoundTrips(timing: ReturnType<typeof parseServerTiming>, mode: "session" | "jwt"): number {
  if (sessionBackend === "database") return queries(timing[`db-${mode}`]?.desc);
  expect(queries(timing[`db-${mode}`]?.desc)).toBe(0);
  return commands(timing[`redis-${mode}`]?.desc);
}

describe("Server-Timing", () => {
  const denyList = denyListSwitch();

  it("a JWT-only request: verification and crypto time, no query", async () => {
    const { user, pair } = await signedInUser();
    // A running server holds its verification keys (one read per instance a minute, not per request).
    await verifyAccessToken((await issueTokenPair(user, testContext())).access.token);
    const first = await timingOf(jsonRequest("/api/me", { cookie: accessCookieHeader(pair.access.token) }));
    expect(first.auth).toMatchObject({ desc: "jwt" });
    expect(first.auth!.dur).toBeGreaterThan(0);
    expect(first["crypto-jwt"]).toMatchObject({ desc: "1 operation" });
    expect(first["crypto-jwt"]!.dur).toBeGreaterThan(0);
    // The stateless point, measured: no store time and no query.
    expect(first.db?.dur ?? 0).toBe(0);
    expect(queries(first.db?.desc)).toBe(0);
    expect(first["db-jwt"]).toMatchObject({ dur: 0, desc: "0 queries" });
    // The same token again (now as Bearer): its verification is remembered until exp, no crypto.
    const again = await timingOf(
      jsonRequest("/api/me", { headers: { authorization: `Bearer ${pair.access.token}` } }),
    );
    expect(again).toMatchObject({
      auth: { desc: "jwt" },
      crypto: { dur: 0 },
      db: { dur: 0, desc: "0 queries" },
    });
  });

  it("a session cookie seen before is not unsealed again, but its row is read every time", async () => {
    const user = await createPasswordUser();
    const { cookieHeader, session } = await signInSessionUser(user);
    await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    const again = await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    // The SHA-256 of the token that keys the row, and no unseal.
    expect(again["crypto-session"]).toMatchObject({ desc: "1 operation" });
    expect(storeRoundTrips(again, "session")).toBe(1);
    // Revoked elsewhere: refused at once, remembered unseal or not.
    await revokeCredential({ kind: "server_session", id: session.id, userId: user.id }, "revoked_by_user");
    expect((await me(jsonRequest("/api/me", { cookie: cookieHeader }))).status).toBe(401);
  });

  it("a session request: one round trip for the session and its user, and the unseal", async () => {
    const user = await createPasswordUser();
    const { cookieHeader } = await signInSessionUser(user);
    const timing = await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(timing.auth).toMatchObject({ desc: "session" });
    expect(storeRoundTrips(timing, "session")).toBe(1);
    expect(timing[sessionBackend === "redis" ? "redis" : "db"]!.dur).toBeGreaterThan(0);
    expect(timing["crypto-session"]!.dur).toBeGreaterThan(0);
  });

  it("counts the sliding-expiry write apart from the check (it runs after the response)", async () => {
    const user = await createPasswordUser();
    const { cookieHeader, session } = await signInSessionUser(user);
    await editStoredSession(session.id, { lastSeenAt: new Date(Date.now() - 5 * 60 * 1000) });
    // Outside Next's request scope the write is awaited in place, so it shows here beside the
    // read; in a server it runs after the response is sent.
    const timing = await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(storeRoundTrips(timing, "session")).toBeGreaterThan(1);
    const again = await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(storeRoundTrips(again, "session")).toBe(1);
  });

  it("an OAuth request: one round trip for the Auth.js session, its user and accounts", async () => {
    const user = await createPasswordUser();
    const { cookieHeader } = await createOAuthSession(user.id);
    const timing = await timingOf(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(timing.auth).toMatchObject({ desc: "oauth" });
    expect(queries(timing["db-oauth"]?.desc)).toBe(1);
  });

  it("a JWT with the deny-list on: one round trip for the jti and the user", async () => {
    denyList(true);
    const { pair } = await signedInUser();
    const timing = await timingOf(jsonRequest("/api/me", { cookie: accessCookieHeader(pair.access.token) }));
    expect(storeRoundTrips(timing, "jwt")).toBe(1);
  });

  it("a request with no credential says so; a response that reads no identity has none", async () => {
    const anonymous = await me(jsonRequest("/api/me"));
    expect(anonymous.status).toBe(401);
    const timing = parseServerTiming(anonymous.headers.get("server-timing"));
    expect(timing.auth).toMatchObject({ desc: "none" });
    expect(queries(timing.db?.desc)).toBe(0);
    expect((await health(jsonRequest("/api/health"))).headers.get("server-timing")).toBeNull();
  });
});
