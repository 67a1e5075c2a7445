import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/cron/purge/route";
import { db } from "@/lib/db";
import { env, EnvError, parseEnv, resetEnvForTests } from "@/lib/env";
import {
  PURGE_KINDS,
  purgeExpired,
  REVOKED_SESSION_RETENTION_MS,
  type PurgeKind,
} from "@/lib/housekeeping/purge";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { uniqueEmail } from "./support/factories";

// Every row here is dated around NOW, years before anything another test file writes to the same
// database, and this file's clock is frozen there: a purge run by this file (the route's too)
// can reach only this file's rows, so the counts are exact while other files run alongside.
const NOW = new Date("2001-02-03T04:05:06.000Z");
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

async function createUser(): Promise<string> {
  return (await db.user.create({ data: { email: uniqueEmail("purge") }, select: { id: true } })).id;
}

function serverSession(userId: string, fields: { idle: Date; absolute: Date; revokedAt?: Date }) {
  return db.serverSession.create({
    data: {
      tokenHash: randomUUID(),
      userId,
      idleExpiresAt: fields.idle,
      absoluteExpiresAt: fields.absolute,
      revokedAt: fields.revokedAt,
    },
  });
}

/** A family with a used, a revoked and a current token, as rotation leaves it. */
async function family(userId: string, absoluteExpiresAt: Date) {
  const row = await db.refreshTokenFamily.create({ data: { userId, absoluteExpiresAt } });
  const token = (data: { usedAt?: Date; revokedAt?: Date; parentId?: string }) =>
    db.refreshToken.create({
      data: { tokenHash: randomUUID(), familyId: row.id, userId, expiresAt: absoluteExpiresAt, ...data },
    });
  const used = await token({ usedAt: at(-DAY) });
  const revoked = await token({ revokedAt: at(-DAY), parentId: used.id });
  const current = await token({ parentId: revoked.id });
  return { id: row.id, tokenIds: [used.id, revoked.id, current.id] };
}

/** A rate-limit row as the store writes it: its window, block or back-off ends at `expire`. */
function rateLimit(expire: Date | null, key = `purge-test:${randomUUID()}`) {
  return db.rateLimit.create({
    data: { key, points: 99, expire: expire === null ? null : BigInt(expire.getTime()) },
  });
}

/** One row of every kind just past its limit; returns each kind's ids. */
async function seedExpired(userId: string): Promise<Record<PurgeKind, string[]>> {
  const session = await serverSession(userId, { idle: at(-SECOND), absolute: at(DAY) });
  const expiredFamily = await family(userId, at(-SECOND));
  const denied = await db.revokedAccessToken.create({
    data: { jti: randomUUID(), userId, expiresAt: at(-(env.JWT_CLOCK_SKEW + 1) * SECOND) },
  });
  const limit = await rateLimit(at(-SECOND));
  const authSession = await db.session.create({
    data: { sessionToken: randomUUID(), userId, expires: at(-SECOND) },
  });
  const audit = await db.auditEvent.create({
    data: { type: "sign_out", userId, createdAt: at(-env.AUDIT_RETENTION_DAYS * DAY - SECOND) },
  });
  return {
    serverSessions: [session.id],
    refreshTokens: expiredFamily.tokenIds,
    refreshTokenFamilies: [expiredFamily.id],
    revokedAccessTokens: [denied.jti],
    rateLimits: [limit.key],
    authSessions: [authSession.id],
    auditEvents: [audit.id],
  };
}

/** How many of the given ids of each kind are still stored. */
async function stillStored(ids: Record<PurgeKind, string[]>): Promise<Record<PurgeKind, number>> {
  const [
    serverSessions,
    refreshTokens,
    refreshTokenFamilies,
    revokedAccessTokens,
    rateLimits,
    authSessions,
    auditEvents,
  ] = await Promise.all([
    db.serverSession.count({ where: { id: { in: ids.serverSessions } } }),
    db.refreshToken.count({ where: { id: { in: ids.refreshTokens } } }),
    db.refreshTokenFamily.count({ where: { id: { in: ids.refreshTokenFamilies } } }),
    db.revokedAccessToken.count({ where: { jti: { in: ids.revokedAccessTokens } } }),
    db.rateLimit.count({ where: { key: { in: ids.rateLimits } } }),
    db.session.count({ where: { id: { in: ids.authSessions } } }),
    db.auditEvent.count({ where: { id: { in: ids.auditEvents } } }),
  ]);
  return {
    serverSessions,
    refreshTokens,
    refreshTokenFamilies,
    revokedAccessTokens,
    rateLimits,
    authSessions,
    auditEvents,
  };
}

const counts = (ids: Record<PurgeKind, string[]>): Record<PurgeKind, number> =>
  Object.fromEntries(PURGE_KINDS.map((kind) => [kind, ids[kind].length])) as Record<PurgeKind, number>;
const none = Object.fromEntries(PURGE_KINDS.map((kind) => [kind, 0])) as Record<PurgeKind, number>;

describe("purgeExpired", () => {
  it("removes rows one second past each limit and keeps rows one second short of it", async () => {
    const userId = await createUser();
    const expired = await seedExpired(userId);
    const extraExpired = [
      (await serverSession(userId, { idle: at(DAY), absolute: at(-SECOND) })).id,
      (
        await serverSession(userId, {
          idle: at(DAY),
          absolute: at(DAY),
          revokedAt: at(-REVOKED_SESSION_RETENTION_MS - SECOND),
        })
      ).id,
    ];
    const skew = env.JWT_CLOCK_SKEW * SECOND;
    const liveFamily = await family(userId, at(SECOND));
    const live = {
      serverSessions: [
        (await serverSession(userId, { idle: at(SECOND), absolute: at(SECOND) })).id,
        // Revoked, but recently enough that its cookie is still answered "revoked".
        (
          await serverSession(userId, {
            idle: at(DAY),
            absolute: at(DAY),
            revokedAt: at(-REVOKED_SESSION_RETENTION_MS + SECOND),
          })
        ).id,
      ],
      // Used and revoked tokens of a live family stay: reuse detection needs them.
      refreshTokens: liveFamily.tokenIds,
      refreshTokenFamilies: [liveFamily.id],
      // Past exp, but still inside the clock skew a verifier tolerates.
      revokedAccessTokens: [
        (await db.revokedAccessToken.create({ data: { jti: randomUUID(), expiresAt: at(-skew + SECOND) } }))
          .jti,
      ],
      // A window, block or back-off that ends a second later; a counter that never expires.
      rateLimits: [(await rateLimit(at(SECOND))).key, (await rateLimit(null)).key],
      authSessions: [
        (await db.session.create({ data: { sessionToken: randomUUID(), userId, expires: at(SECOND) } })).id,
      ],
      auditEvents: [
        (
          await db.auditEvent.create({
            data: { type: "sign_out", createdAt: at(-env.AUDIT_RETENTION_DAYS * DAY + SECOND) },
          })
        ).id,
      ],
    };
    expired.serverSessions.push(...extraExpired);

    const report = await purgeExpired({ now: NOW });

    expect(report.removed).toEqual(counts(expired));
    expect(report.complete).toBe(true);
    expect(report.now).toBe(NOW.toISOString());
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(await stillStored(expired)).toEqual(none);
    expect(await stillStored(live)).toEqual(counts(live));
    expect(await purgeExpired({ now: NOW })).toMatchObject({ removed: none });
  });

  it("deletes in batches until none are left", async () => {
    const created = await Promise.all(
      Array.from({ length: 7 }, () =>
        db.auditEvent.create({
          data: { type: "sign_out", createdAt: at(-env.AUDIT_RETENTION_DAYS * DAY - DAY) },
        }),
      ),
    );
    const batches: number[] = [];
    const report = await purgeExpired({
      now: NOW,
      batchSize: 3,
      onBatch: (kind, removed) => kind === "auditEvents" && batches.push(removed),
    });
    expect(batches).toEqual([3, 3, 1]);
    expect(report.removed.auditEvents).toBe(7);
    expect(await db.auditEvent.count({ where: { id: { in: created.map((row) => row.id) } } })).toBe(0);
  });

  it("stops when the time budget is spent and says so", async () => {
    const expired = await seedExpired(await createUser());
    const report = await purgeExpired({ now: NOW, timeBudgetMs: 0 });
    expect(report).toMatchObject({ complete: false, removed: none });
    expect(await stillStored(expired)).toEqual(counts(expired));
    await purgeExpired({ now: NOW });
  });

  it("deletes only rate-limit rows the limiter already reads as absent", async () => {
    const rule = { name: `purge-rule-${randomUUID()}`, limit: 1, windowSeconds: 60 };
    // A full window that has just ended: the limiter starts a new one, as if the row were gone.
    await rateLimit(new Date(Date.now() - SECOND), `${rule.name}:someone`);
    expect(await hitRateLimit(rule, "someone")).toEqual({ allowed: true });
    expect(await hitRateLimit(rule, "someone")).toMatchObject({ allowed: false });
  });
});

describe("GET /api/cron/purge", () => {
  const secret = randomBytes(32).toString("base64url");
  const call = (authorization?: string) =>
    GET(
      new Request("http://localhost:3000/api/cron/purge", {
        headers: authorization ? { authorization } : {},
      }),
    );
  const useSecret = (value: string | undefined) => {
    if (value === undefined) delete process.env.CRON_SECRET;
    else process.env.CRON_SECRET = value;
    resetEnvForTests();
  };
  afterEach(() => useSecret(undefined));

  it("refuses a missing or wrong secret with 401 and deletes nothing", async () => {
    useSecret(secret);
    const expired = await seedExpired(await createUser());
    const wrong = randomBytes(32).toString("base64url");
    for (const authorization of [
      undefined,
      `Bearer ${wrong}`,
      `Bearer ${secret}x`,
      `Basic ${secret}`,
      secret,
    ]) {
      const response = await call(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect(await stillStored(expired)).toEqual(counts(expired));
    await purgeExpired({ now: NOW });
  });

  it("is disabled (404, nothing deleted) while CRON_SECRET is unset", async () => {
    const expired = await seedExpired(await createUser());
    const response = await call(`Bearer ${secret}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    expect(await stillStored(expired)).toEqual(counts(expired));
    await purgeExpired({ now: NOW });
  });

  it("runs the purge for the right secret and answers the report, not cached", async () => {
    useSecret(secret);
    const expired = await seedExpired(await createUser());
    const response = await call(`Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const report = (await response.json()) as { removed: Record<PurgeKind, number>; complete: boolean };
    expect(report).toMatchObject({ now: NOW.toISOString(), complete: true, removed: counts(expired) });
    expect(await stillStored(expired)).toEqual(none);
  });
});

describe("CRON_SECRET in production", () => {
  const strong = randomBytes(32).toString("base64url");
  const production = {
    NODE_ENV: "production",
    APP_URL: "https://authlab.example.org",
    TRUST_PROXY: "1",
    SESSION_SECRET: strong,
    JWT_KEYS_SECRET: strong,
    AUTH_SECRET: strong,
  };

  it("may be unset, but once set must be as strong as every other secret", () => {
    expect(parseEnv(production).CRON_SECRET).toBeUndefined();
    expect(parseEnv({ ...production, CRON_SECRET: strong }).CRON_SECRET).toBe(strong);
    for (const weak of ["short-secret", "change-me-change-me-change-me-change-me"]) {
      expect(() => parseEnv({ ...production, CRON_SECRET: weak })).toThrow(EnvError);
      expect(() => parseEnv({ ...production, CRON_SECRET: weak })).toThrow(/CRON_SECRET/);
    }
  });
});
