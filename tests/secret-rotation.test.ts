// Secrets rotate without signing anyone out (ASVS 13.3.4): SESSION_SECRET, JWT_KEYS_SECRET and
// AUTH_SECRET each take a list, newest first; the newest seals, signs and encrypts, every listed
// one still opens. This file has a database of its own: its subject is every stored signing key.
import { randomBytes } from "node:crypto";
import { sealData } from "iron-session";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { useIsolatedDatabase } from "@/tests/support/isolated-database";

const secret = () => randomBytes(32).toString("base64url");
const [A, B, C] = [secret(), secret(), secret()];

/** Switches a setting for the rest of the test (restored after each). */
function use(settings: Record<string, string>) {
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  resetEnvForTests();
}

let dropDatabase: () => Promise<void>;
beforeAll(async () => {
  dropDatabase = await useIsolatedDatabase("rotation");
});
afterAll(async () => {
  await dropDatabase();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  // The isolated database stays selected; everything else goes back to the run's settings.
  vi.stubEnv("DATABASE_URL", process.env.DATABASE_URL!);
  resetEnvForTests();
  const { clearKeyCache } = await import("@/lib/jwt/keys/cache");
  clearKeyCache();
});

describe("SESSION_SECRET", () => {
  async function sessionCookie() {
    const { createPasswordUser, signInSessionUser } = await import("@/tests/support/factories");
    return (await signInSessionUser(await createPasswordUser())).cookie;
  }
  async function status(value: string) {
    const { GET } = await import("@/app/api/session/route");
    const { jsonRequest } = await import("@/tests/support/http");
    const { sessionCookieName } = await import("@/lib/session/cookie");
    return (await GET(jsonRequest("/api/session", { cookie: `${sessionCookieName()}=${value}` }))).status;
  }
  async function throughProxy(value: string, method = "GET") {
    const { proxy } = await import("@/proxy");
    const { sessionCookieName } = await import("@/lib/session/cookie");
    const response = await proxy(
      new NextRequest("http://localhost:3000/dashboard", {
        method,
        headers: { cookie: `${sessionCookieName()}=${value}` },
      }),
    );
    return response.cookies.get(sessionCookieName());
  }

  it("keeps a cookie sealed with the old secret valid after rotation, and re-seals it with the new one", async () => {
    use({ SESSION_SECRET: A });
    const old = await sessionCookie();
    expect(await throughProxy(old.value)).toBeUndefined();

    use({ SESSION_SECRET: `${B},${A}` });
    expect(await status(old.value)).toBe(200);
    // POSTs may set the cookie themselves: only a GET re-seals.
    expect(await throughProxy(old.value, "POST")).toBeUndefined();
    const resealed = await throughProxy(old.value);
    expect(resealed?.value).toMatch(/^Fe26\.2\*\d{9}\*/);
    expect(resealed?.value).not.toBe(old.value);
    // Same expiry as the cookie it replaces (a minute of rounding at most), same attributes.
    expect(resealed?.maxAge).toBeGreaterThan(old.attributes.maxAge! - 60);
    expect(resealed?.maxAge).toBeLessThanOrEqual(old.attributes.maxAge!);
    expect(resealed).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(await throughProxy(resealed!.value)).toBeUndefined();

    // A removed from the list: the re-sealed cookie still works, the old one no longer does.
    use({ SESSION_SECRET: B });
    expect(await status(resealed!.value)).toBe(200);
    expect(await status(old.value)).toBe(401);
    expect((await throughProxy(old.value))?.value).toBe("");
  });

  it("opens cookies sealed before SESSION_SECRET took a list (iron's default id) with the oldest listed secret", async () => {
    use({ SESSION_SECRET: A });
    const { unsealSessionToken } = await import("@/lib/session/cookie");
    const token = randomBytes(32).toString("base64url");
    const legacy = await sealData({ token }, { password: A, ttl: 3600 });
    expect(legacy).toMatch(/^Fe26\.2\*1\*/);
    expect(await unsealSessionToken(legacy)).toBe(token);
    use({ SESSION_SECRET: `${B},${A}` });
    expect(await unsealSessionToken(legacy)).toBe(token);
    expect((await throughProxy(legacy))?.value).toMatch(/^Fe26\.2\*\d{9}\*/);
    use({ SESSION_SECRET: `${B}` });
    expect(await unsealSessionToken(legacy)).toBeNull();
  });
});

describe("JWT_KEYS_SECRET", () => {
  async function jwt() {
    const { createPasswordUser, testContext } = await import("@/tests/support/factories");
    const { issueTokenPair } = await import("@/lib/jwt/token-pair");
    const { verifyAccessToken } = await import("@/lib/jwt/access-token");
    const { reconcileSigningKeySecrets, describeUndecryptableKeys } = await import("@/lib/jwt/keys/secrets");
    const { currentSigningKey } = await import("@/lib/jwt/keys/signing");
    const { db } = await import("@/lib/db");
    const { clearKeyCache } = await import("@/lib/jwt/keys/cache");
    const user = await createPasswordUser();
    return {
      db,
      signIn: () => issueTokenPair(user, testContext()),
      verifies: async (token: string) => (await verifyAccessToken(token)).ok,
      reconcile: reconcileSigningKeySecrets,
      describeUndecryptableKeys,
      currentSigningKey,
      /** As a freshly started process: nothing decrypted or imported yet. */
      restart: clearKeyCache,
    };
  }

  it("rotates out the old secret: keys re-encrypted under the new one at start-up, sign-in works, old tokens verify", async () => {
    use({ JWT_KEYS_SECRET: A });
    const app = await jwt();
    const before = await app.signIn();
    const kid = before.access.kid;
    const stored = await app.db.signingKey.findUniqueOrThrow({ where: { kid } });

    use({ JWT_KEYS_SECRET: `${B},${A}` });
    app.restart();
    expect(await app.reconcile()).toEqual({ reencrypted: [kid], undecryptable: [], replacedBy: null });
    const reencrypted = await app.db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect(reencrypted.privateKey).not.toBe(stored.privateKey);
    // Nothing left to do at the next start.
    expect(await app.reconcile()).toEqual({ reencrypted: [], undecryptable: [], replacedBy: null });

    use({ JWT_KEYS_SECRET: B });
    app.restart();
    const after = await app.signIn();
    expect(after.access.kid).toBe(kid);
    expect(await app.verifies(before.access.token)).toBe(true);
    expect(await app.verifies(after.access.token)).toBe(true);
  });

  it("in production, reports an active key no listed secret decrypts, naming JWT_KEYS_SECRET, and changes nothing", async () => {
    use({ JWT_KEYS_SECRET: A });
    const app = await jwt();
    const { access } = await app.signIn();
    use({ JWT_KEYS_SECRET: C, NODE_ENV: "production", APP_URL: "http://localhost:3000" });
    app.restart();
    const report = await app.reconcile();
    expect(report).toEqual({ reencrypted: [], undecryptable: [access.kid], replacedBy: null });
    const { problems } = app.describeUndecryptableKeys(report);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^JWT_KEYS_SECRET: signing key ${access.kid} decrypts with none of the listed secrets`),
      ),
    ]);
    expect(problems[0]).toContain("JWT_KEYS_SECRET=<new>,<old>");
    expect(problems[0]).not.toContain(A);
    expect(await app.db.signingKey.count({ where: { status: "active" } })).toBe(1);
    // A request that gets this far is refused with the same advice, not a bare decryption error.
    await expect(app.currentSigningKey()).rejects.toThrow(/^JWT_KEYS_SECRET: signing key/);
    // The key still verifies what it signed: its public half is not encrypted.
    expect(await app.verifies(access.token)).toBe(true);
  });

  it("in development, replaces an active key no listed secret decrypts, with a warning; its tokens verify until they expire", async () => {
    use({ JWT_KEYS_SECRET: A });
    const app = await jwt();
    const { access } = await app.signIn();
    use({ JWT_KEYS_SECRET: C });
    app.restart();
    const report = await app.reconcile();
    expect(report.undecryptable).toEqual([access.kid]);
    expect(report.replacedBy).toEqual(expect.any(String));
    expect(app.describeUndecryptableKeys(report)).toEqual({
      problems: [],
      warnings: [expect.stringMatching(/^JWT_KEYS_SECRET: signing key .* now signs/)],
    });
    const old = await app.db.signingKey.findUniqueOrThrow({ where: { kid: access.kid } });
    expect(old.status).toBe("retiring");
    const next = await app.signIn();
    expect(next.access.kid).toBe(report.replacedBy);
    expect(await app.verifies(access.token)).toBe(true);
  });

  it("in development, a sign-in that meets an undecryptable key replaces it instead of failing", async () => {
    use({ JWT_KEYS_SECRET: A });
    const app = await jwt();
    const { access } = await app.signIn();
    use({ JWT_KEYS_SECRET: C });
    app.restart();
    const next = await app.signIn();
    expect(next.access.kid).not.toBe(access.kid);
    expect(await app.verifies(next.access.token)).toBe(true);
  });
});

describe("AUTH_SECRET", () => {
  it("verifies a provider-link intent signed with the old secret after rotation, and hands Auth.js every secret", async () => {
    use({ AUTH_SECRET: A });
    const { signLinkIntent, verifyLinkIntent } = await import("@/lib/oauth/link-intent");
    const intent = {
      userId: "user-1",
      provider: "github",
      via: { mode: "session" as const, sessionId: "s-1" },
    };
    const signed = await signLinkIntent(intent);
    use({ AUTH_SECRET: `${B},${A}` });
    expect(await verifyLinkIntent(signed, "github")).toEqual(intent);
    const { createAuthConfig } = await import("@/lib/oauth/config");
    expect(createAuthConfig().secret).toEqual([B, A]);
    use({ AUTH_SECRET: B });
    expect(await verifyLinkIntent(signed, "github")).toBeNull();
  });
});
