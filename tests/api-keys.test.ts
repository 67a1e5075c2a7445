// API keys through the real routes and database (issue 15): every refusal with its RFC 6750
// challenge, scopes, keys never reaching pages, use counting, revocation and outages.
import { afterEach, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getMySessions } from "@/app/api/me/sessions/route";
import { POST as signOutEverywhere } from "@/app/api/session/sign-out-everywhere/route";
import { type ApiKeyScope } from "@/lib/apikey/scopes";
import { createApiKey } from "@/lib/apikey/store";
import { flushApiKeyUses } from "@/lib/apikey/usage";
import { setUserDisabled } from "@/lib/auth/disable";
import { db, readRows } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { getRequestIdentity } from "@/lib/identity";
import { revokeAllCredentials, revokeOwnCredential } from "@/lib/revocation";
import { createPasswordUser, signInSessionUser, testContext } from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";
import { duringOutage } from "@/tests/support/no-database";

async function newKey(
  options: { scopes?: ApiKeyScope[]; expiresAt?: Date | null; userId?: string } = {},
): Promise<{ key: string; keyId: string; userId: string; email: string }> {
  const user = options.userId ? { id: options.userId, email: "" } : await createPasswordUser();
  const created = await createApiKey(
    user.id,
    { name: "test key", scopes: options.scopes ?? ["read:profile"], expiresAt: options.expiresAt ?? null },
    testContext(),
  );
  if (!created.ok) throw new Error(created.reason);
  return { key: created.value.key, keyId: created.value.view.id, userId: user.id, email: user.email };
}

const withKey = (path: string, key: string, header: "bearer" | "x-api-key" = "bearer", cookie?: string) =>
  jsonRequest(path, {
    cookie,
    headers: header === "bearer" ? { authorization: `Bearer ${key}` } : { "x-api-key": key },
  });

async function expectInvalidToken(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  const challenge = response.headers.get("www-authenticate") ?? "";
  expect(challenge).toMatch(/^Bearer realm="authlab", error="invalid_token", error_description="[^"]+"$/);
  expect(await response.json()).toEqual({ error: { code: "invalid_token", message: expect.any(String) } });
}

const settings = (values: Record<string, string>) => {
  Object.assign(process.env, values);
  resetEnvForTests();
};

afterEach(async () => {
  // Gathered uses are written now, not by a timer while a later test runs.
  await flushApiKeyUses();
  delete process.env.API_KEY_RATE_LIMIT;
  delete process.env.API_KEYS_PER_USER;
  resetEnvForTests();
});

describe("API keys on the API", () => {
  it("makes keys ak_<12 hex>_<256-bit base64url>, each unique", async () => {
    const keys = await Promise.all([newKey(), newKey()]);
    for (const { key } of keys) expect(key).toMatch(/^ak_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(keys[0]!.key.slice(16), "base64url")).toHaveLength(32);
    expect(keys[0]!.key).not.toBe(keys[1]!.key);
  });

  it("authenticates GET /api/me as Authorization: Bearer and as X-API-Key", async () => {
    const { key, email } = await newKey();
    for (const header of ["bearer", "x-api-key"] as const) {
      const response = await getMe(withKey("/api/me", key, header));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ user: { email }, mode: "apikey", modes: ["apikey"] });
    }
  });

  it("refuses a wrong secret, an unknown prefix and a malformed key: 401 invalid_token", async () => {
    const { key } = await newKey();
    const wrongSecret = `${key.slice(0, 16)}${"A".repeat(43)}`;
    const unknownPrefix = `ak_000000000000_${key.slice(16)}`;
    for (const bad of [wrongSecret, unknownPrefix, "ak_nothing", `${key}x`]) {
      await expectInvalidToken(await getMe(withKey("/api/me", bad, "x-api-key")));
      await expectInvalidToken(await getMe(withKey("/api/me", bad, "bearer")));
    }
  });

  it("refuses a revoked key on its next request", async () => {
    const { key, keyId, userId } = await newKey();
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    expect(await revokeOwnCredential(userId, "api_key", keyId, testContext())).toBe(true);
    await expectInvalidToken(await getMe(withKey("/api/me", key)));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.revokedReason).toBe("revoked_by_user");
    expect(await db.auditEvent.count({ where: { userId, type: "api_key.revoked" } })).toBe(1);
  });

  it("refuses an expired key", async () => {
    const { key, keyId } = await newKey({ expiresAt: new Date(Date.now() + 60_000) });
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    await db.apiKey.update({ where: { id: keyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectInvalidToken(await getMe(withKey("/api/me", key)));
  });

  it("refuses a key whose account is disabled, and disabling revokes every key", async () => {
    const { key, keyId } = await newKey();
    const user = await db.user.findFirstOrThrow({ where: { apiKeys: { some: { id: keyId } } } });
    await setUserDisabled(user.email, true);
    await expectInvalidToken(await getMe(withKey("/api/me", key)));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).revokedReason).toBe("user_disabled");
  });

  it("answers a key without the route's scope 403 insufficient_scope naming the scope", async () => {
    const { key } = await newKey({ scopes: ["read:profile"] });
    const response = await getMySessions(withKey("/api/me/sessions", key));
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="authlab", error="insufficient_scope", scope="read:sessions", error_description="[^"]+"$/,
    );
    expect(await response.json()).toMatchObject({ error: { code: "insufficient_scope" } });

    const { key: sessionsOnly } = await newKey({ scopes: ["read:sessions"] });
    expect((await getMe(withKey("/api/me", sessionsOnly))).status).toBe(403);
  });

  it("lists the user's sign-ins with read:sessions, with no token or hash in them", async () => {
    const user = await createPasswordUser();
    const { cookie } = await signInSessionUser(user);
    const { key } = await newKey({ scopes: ["read:sessions"], userId: user.id });
    const response = await getMySessions(withKey("/api/me/sessions", key));
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as { sessions: { id: string }[]; mode: string };
    expect(body.mode).toBe("apikey");
    expect(body.sessions).toHaveLength(1);
    expect(text).not.toContain(cookie.value);
    expect(text).not.toMatch(/hash|token/i);
  });

  it("a presented key decides: a bad key with a valid session cookie is still 401", async () => {
    const user = await createPasswordUser();
    const { cookieHeader } = await signInSessionUser(user);
    expect((await getMe(jsonRequest("/api/me", { cookie: cookieHeader }))).status).toBe(200);
    await expectInvalidToken(await getMe(withKey("/api/me", "ak_000000000000_x", "x-api-key", cookieHeader)));
  });

  it("never authenticates pages, server actions or routes that name no scope", async () => {
    const { key } = await newKey({ scopes: ["read:profile", "read:sessions"] });
    for (const header of ["bearer", "x-api-key"] as const) {
      // getRequestIdentity reads as getIdentity() does for pages and actions: no apiKeyScope.
      const identity = await getRequestIdentity(withKey("/dashboard", key, header));
      expect(identity.user).toBeNull();
      expect(identity.modes.apikey).toBeUndefined();
    }
  });

  it("counts every use exactly, under concurrency, and audits a sample", async () => {
    const { key, keyId, userId } = await newKey();
    const responses = await Promise.all(Array.from({ length: 12 }, () => getMe(withKey("/api/me", key))));
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    // The first use is written at once; the burst that follows is gathered into one write.
    const first = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(first.useCount).toBe(1);
    await flushApiKeyUses();
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.useCount).toBe(12);
    expect(row.lastUsedAt).not.toBeNull();
    // First use only: same (no) address, and far from the every-100th sample.
    expect(await db.auditEvent.count({ where: { userId, type: "api_key.used" } })).toBe(1);
  });

  it("records a use from a new address as a sampled event, with the address", async () => {
    const { key, keyId, userId } = await newKey();
    const from = (ip: string) =>
      getMe(jsonRequest("/api/me", { headers: { "x-api-key": key, "x-forwarded-for": ip } }));
    await from("192.0.2.10");
    await from("192.0.2.10");
    await from("192.0.2.11");
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row).toMatchObject({ useCount: 3, lastUsedIp: "192.0.2.11" });
    expect(await db.auditEvent.count({ where: { userId, type: "api_key.used" } })).toBe(2);
  });

  it("rate limits each key on its own: 429 with Retry-After", async () => {
    settings({ API_KEY_RATE_LIMIT: "3" });
    const { key } = await newKey();
    const { key: other } = await newKey();
    for (let i = 0; i < 3; i++) expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    const limited = await getMe(withKey("/api/me", key));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await getMe(withKey("/api/me", other))).status).toBe(200);
  });

  it("answers 503 with Retry-After when the store is down, never 401, then works again", async () => {
    const { key } = await newKey();
    const response = await duringOutage(() => getMe(withKey("/api/me", key)));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(await response.json()).toMatchObject({ error: { code: "temporarily_unavailable" } });
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
  });

  it("keeps no usable key material: no column holds the key or its secret, and none works as a key", async () => {
    const { key, keyId } = await newKey();
    const secret = key.slice(16);
    const [row] = await readRows(`SELECT * FROM "api_keys" WHERE "id" = ?`, [keyId]);
    expect(row).toBeDefined();
    const values = Object.values(row!).map((value) => String(value));
    for (const value of values) {
      expect(value).not.toContain(secret);
      expect(value).not.toContain(key);
    }
    for (const value of values) await expectInvalidToken(await getMe(withKey("/api/me", value, "x-api-key")));
    const prefix = key.slice(3, 15);
    for (const value of values) {
      await expectInvalidToken(await getMe(withKey("/api/me", `ak_${prefix}_${value}`, "x-api-key")));
    }
  });

  it("limits the live keys per user (API_KEYS_PER_USER); a revoked key frees its place", async () => {
    settings({ API_KEYS_PER_USER: "2" });
    const first = await newKey();
    await newKey({ userId: first.userId });
    const third = await createApiKey(
      first.userId,
      { name: "x", scopes: ["read:profile"], expiresAt: null },
      testContext(),
    );
    expect(third).toEqual({ ok: false, reason: "limit_reached" });
    await revokeOwnCredential(first.userId, "api_key", first.keyId, testContext());
    const again = await createApiKey(
      first.userId,
      { name: "x", scopes: ["read:profile"], expiresAt: null },
      testContext(),
    );
    expect(again.ok).toBe(true);
  });

  it("holds the per-user limit when many keys are created at once", async () => {
    settings({ API_KEYS_PER_USER: "3" });
    const user = await createPasswordUser();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createApiKey(user.id, { name: `k${i}`, scopes: ["read:profile"], expiresAt: null }, testContext()),
      ),
    );
    expect(attempts.filter((attempt) => attempt.ok)).toHaveLength(3);
    expect(await db.apiKey.count({ where: { userId: user.id } })).toBe(3);
  });

  it("sign out everywhere keeps keys unless asked to include them", async () => {
    const { key, userId } = await newKey();
    await revokeAllCredentials(userId, "signed_out_everywhere");
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    const { ended } = await revokeAllCredentials(userId, "signed_out_everywhere", { includeApiKeys: true });
    expect(ended.filter((entry) => entry.kind === "api_key")).toHaveLength(1);
    await expectInvalidToken(await getMe(withKey("/api/me", key)));
  });

  it("POST /api/session/sign-out-everywhere ends the keys only with includeApiKeys; a bad body changes nothing", async () => {
    const user = await createPasswordUser();
    const { key } = await newKey({ userId: user.id });
    const everywhere = async (body?: unknown) => {
      const { cookieHeader } = await signInSessionUser(user);
      return signOutEverywhere(
        jsonRequest("/api/session/sign-out-everywhere", { method: "POST", cookie: cookieHeader, body }),
      );
    };
    for (const bad of [{ includeApiKeys: "yes" }, { includeApiKeys: true, extra: 1 }, [true]]) {
      const refused = await everywhere(bad);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    expect((await everywhere()).status).toBe(200);
    expect((await everywhere({})).status).toBe(200);
    expect((await getMe(withKey("/api/me", key))).status).toBe(200);
    const ended = await everywhere({ includeApiKeys: true });
    expect(ended.status).toBe(200);
    await expectInvalidToken(await getMe(withKey("/api/me", key)));
  });
});
