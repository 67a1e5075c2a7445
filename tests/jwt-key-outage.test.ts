// "Cannot check" is not "signed out", for JWT keys: with the database down, a token whose key
// this process already holds keeps verifying (no store needed), but a token whose key it has not
// loaded cannot be checked. That is the unavailable state (503), never "key unknown" (401), for
// as long as reloads keep failing; once the database is back the key loads and verifies.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { db } from "@/lib/db";
import { isStoreUnavailable } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { getRequestIdentity } from "@/lib/identity";
import { signAccessToken, verifyAccessToken } from "@/lib/jwt/access-token";
import { clearKeyCache, KEY_CACHE_TTL_MS, RELOAD_INTERVAL_MS } from "@/lib/jwt/keys/cache";
import { encryptPrivateKey } from "@/lib/jwt/keys/encryption";
import { createPasswordUser } from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";
import { validClaims } from "@/tests/support/jwt";
import { duringOutage } from "@/tests/support/no-database";

type User = Awaited<ReturnType<typeof createPasswordUser>>;

/** A key pair with its kid, as the app would make one. */
async function newKey(): Promise<{ kid: string; privateKey: CryptoKey; publicJwk: string; sealed: string }> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const sealed = encryptPrivateKey(JSON.stringify(await exportJWK(privateKey)), kid);
  return { kid, privateKey, publicJwk: JSON.stringify(jwk), sealed };
}

/** A token as the app signs one (it lives JWT_ACCESS_TTL: past the cache's TTL below). */
function signWith(key: { kid: string; privateKey: CryptoKey }, user: User): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + env.JWT_ACCESS_TTL;
  return new SignJWT(validClaims({ sub: user.id, email: user.email, exp }))
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "at+jwt" })
    .sign(key.privateKey);
}

/**
 * A token signed by a key another instance added to the database (a retiring key within its
 * grace: it verifies, and does not take over signing from the other test files).
 */
async function tokenFromAnotherInstance(user: User): Promise<string> {
  const key = await newKey();
  const now = new Date();
  await db.signingKey.create({
    data: {
      kid: key.kid,
      algorithm: "ES256",
      publicJwk: key.publicJwk,
      privateKey: key.sealed,
      status: "retiring",
      createdAt: now,
      activatedAt: now,
      retiringAt: now,
    },
  });
  return signWith(key, user);
}

const bearer = (token: string) => jsonRequest("/api/me", { headers: { authorization: `Bearer ${token}` } });

/** What the identity layer and /api/me make of a token while the database is down. */
async function duringOutageWith(token: string) {
  return duringOutage(async () => {
    const identity = await getRequestIdentity(bearer(token));
    const response = await me(bearer(token));
    return { identity, status: response.status, retryAfter: response.headers.get("retry-after") };
  });
}

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  clearKeyCache();
});

afterEach(() => {
  vi.useRealTimers();
  clearKeyCache();
});

describe("JWT key cache while the database is down", () => {
  it("verifies tokens of loaded keys, and reports an unloaded key as unavailable, not unknown", async () => {
    const user = await createPasswordUser();
    const loaded = await signAccessToken({ user, familyId: "family-key-outage" });
    expect(await verifyAccessToken(loaded.token)).toMatchObject({ ok: true }); // the cache is loaded
    const unloaded = await tokenFromAnotherInstance(user);
    const unknown = await signWith(await newKey(), user); // a kid no database holds

    // The cache is past its TTL: the reload fails, the keys already held still verify.
    advance(KEY_CACHE_TTL_MS + 1000);
    const kept = await duringOutageWith(loaded.token);
    expect(kept.identity.modes.jwt?.user.id).toBe(user.id);
    expect(kept.status).toBe(200);

    // Within the retry interval no reload is attempted: every request still says "cannot check".
    for (const token of [unloaded, unloaded, unknown]) {
      const { identity, status, retryAfter } = await duringOutageWith(token);
      expect(identity).toMatchObject({ user: null, modes: {}, unavailable: ["jwt"] });
      expect(status).toBe(503);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    }

    // The database is back: after the retry interval the key loads, with no restart.
    advance(RELOAD_INTERVAL_MS + 1000);
    expect(await verifyAccessToken(unloaded)).toMatchObject({
      ok: true,
      value: { claims: { sub: user.id } },
    });
    // Checked against the database now, a kid it does not hold is unknown (401), not unavailable.
    expect(await verifyAccessToken(unknown)).toEqual({ ok: false, reason: "The token's key is unknown" });
    expect((await me(bearer(unknown))).status).toBe(401);
  });

  it("keeps an unknown kid unavailable after a failed unknown-kid reload on a fresh cache", async () => {
    const user = await createPasswordUser();
    const loaded = await signAccessToken({ user, familyId: "family-key-outage" });
    expect(await verifyAccessToken(loaded.token)).toMatchObject({ ok: true });
    const unloaded = await tokenFromAnotherInstance(user);

    advance(RELOAD_INTERVAL_MS + 1000); // within the TTL, but an unknown kid may reload again
    const first = await duringOutage(() => verifyAccessToken(unloaded).catch((error: unknown) => error));
    expect(isStoreUnavailable(first)).toBe(true);
    // The next request within the retry interval does not query, and still cannot check.
    const again = await duringOutageWith(unloaded);
    expect(again.identity.unavailable).toEqual(["jwt"]);
    expect(again.status).toBe(503);
    expect((await duringOutageWith(loaded.token)).status).toBe(200);

    advance(RELOAD_INTERVAL_MS + 1000);
    expect(await verifyAccessToken(unloaded)).toMatchObject({ ok: true });
  });
});
