// Signing keys: encrypted at rest, rotated by command and on schedule (once, under concurrency),
// retiring keys verify until their last token expires, the JWKS carries public members only.
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { GET as jwks } from "@/app/.well-known/jwks.json/route";
import { db } from "@/lib/db";
import { env, resetEnvForTests } from "@/lib/env";
import { signAccessToken, verifyAccessToken } from "@/lib/jwt/access-token";
import { clearKeyCache, findVerificationKey, KEY_CACHE_TTL_MS } from "@/lib/jwt/keys/cache";
import { decryptPrivateKey, encryptPrivateKey } from "@/lib/jwt/keys/encryption";
import { currentSigningKey, retireExpiredKeys, rotateSigningKeys } from "@/lib/jwt/keys/signing";
import { createPasswordUser } from "@/tests/support/factories";

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

async function readJwks() {
  const response = await jwks(new Request("http://localhost:3000/.well-known/jwks.json"));
  return { response, body: (await response.json()) as { keys: Record<string, unknown>[] } };
}

async function tokenFor() {
  const user = await createPasswordUser();
  return signAccessToken({ user, familyId: "family-keys-test" });
}

afterEach(() => {
  delete process.env.JWT_ALGORITHM;
  resetEnvForTests();
});

describe("signing keys", () => {
  it("stores the private key encrypted (AES-GCM bound to the kid), never as plain JWK", async () => {
    const { kid } = await currentSigningKey();
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect(row.privateKey).toMatch(/^v1\./);
    expect(row.privateKey).not.toContain('"d"');
    const jwk = JSON.parse(decryptPrivateKey(row.privateKey!, kid)!.plaintext) as { d?: string };
    expect(jwk.d).toBeTruthy();
    // Moved onto another row (another kid), the ciphertext no longer decrypts.
    expect(decryptPrivateKey(row.privateKey!, `${kid}x`)).toBeNull();
  });

  it("pins the GCM tag at 16 bytes: a truncated tag (a prefix of the real one) does not decrypt", () => {
    const sealed = encryptPrivateKey('{"d":"x"}', "kid-tag");
    const [version, iv, ciphertext, tag] = sealed.split(".");
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(decryptPrivateKey(sealed, "kid-tag")?.plaintext).toBe('{"d":"x"}');
    for (const length of [4, 8, 12, 15]) {
      const truncated = Buffer.from(tag!, "base64url").subarray(0, length).toString("base64url");
      expect(decryptPrivateKey([version, iv, ciphertext, truncated].join("."), "kid-tag")).toBeNull();
    }
  });

  it("rotation keeps old tokens valid until they expire, and the JWKS lists both keys", async () => {
    const before = await tokenFor();
    const { kid, retiring } = await rotateSigningKeys("test");
    expect(retiring).toContain(before.kid);
    expect(kid).not.toBe(before.kid);

    const after = await tokenFor();
    expect(after.kid).toBe(kid);
    // A fresh process (empty cache) verifies both: old via the retiring key, new via the active.
    clearKeyCache();
    expect(await verifyAccessToken(before.token)).toMatchObject({
      ok: true,
      value: { header: { kid: before.kid } },
    });
    expect(await verifyAccessToken(after.token)).toMatchObject({ ok: true, value: { header: { kid } } });

    const { response, body } = await readJwks();
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const kids = body.keys.map((key) => key.kid);
    expect(kids).toEqual(expect.arrayContaining([before.kid, kid]));

    // Once the retiring key's last token has expired it is retired: out of the JWKS, refused.
    const later = new Date(Date.now() + (env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW + 1) * 1000);
    expect(await retireExpiredKeys(later)).toBeGreaterThanOrEqual(1);
    expect((await db.signingKey.findUniqueOrThrow({ where: { kid: before.kid } })).status).toBe("retired");
    expect((await readJwks()).body.keys.map((key) => key.kid)).not.toContain(before.kid);
    clearKeyCache();
    expect(await verifyAccessToken(before.token)).toMatchObject({ ok: false });
  });

  it("serves public members only", async () => {
    await currentSigningKey();
    const { response, body } = await readJwks();
    expect(response.status).toBe(200);
    expect(body.keys.length).toBeGreaterThan(0);
    for (const key of body.keys) {
      for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
      expect(key).toMatchObject({
        use: "sig",
        kid: expect.any(String),
        alg: expect.stringMatching(/^(ES256|EdDSA)$/),
      });
    }
    // The stored private material really has them, so the filter is what keeps them out.
    const row = await db.signingKey.findFirstOrThrow({ where: { status: "active" } });
    expect(Object.keys(JSON.parse(decryptPrivateKey(row.privateKey!, row.kid)!.plaintext))).toContain("d");
  });

  it("rotates lazily when the active key is older than the interval, once under concurrency", async () => {
    const current = await currentSigningKey();
    const future = new Date(Date.now() + (env.JWT_KEY_ROTATION_INTERVAL + 60) * 1000);
    const keys = await Promise.all(Array.from({ length: 5 }, () => currentSigningKey(future)));
    const kids = new Set(keys.map((key) => key.kid));
    expect(kids.size).toBe(1);
    expect(kids.has(current.kid)).toBe(false);
    const rotated = await db.signingKey.findUniqueOrThrow({ where: { kid: current.kid } });
    expect(rotated.status).toBe("retiring");
    expect(await db.signingKey.count({ where: { status: "active" } })).toBe(1);
  });

  it("signs with EdDSA when configured, rotating away from the ES256 key", async () => {
    process.env.JWT_ALGORITHM = "EdDSA";
    resetEnvForTests();
    const token = await tokenFor();
    const verified = await verifyAccessToken(token.token);
    expect(verified).toMatchObject({ ok: true, value: { header: { alg: "EdDSA" } } });
    process.env.JWT_ALGORITHM = "ES256";
    resetEnvForTests();
    // Back on ES256 the EdDSA key is retiring and still verifies its tokens.
    expect((await tokenFor()).kid).not.toBe(token.kid);
    expect(await verifyAccessToken(token.token)).toMatchObject({ ok: true });
  });
});

/** A signing key row as the app stores one, made outside the app's key code. */
async function keyRow(now: Date) {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    algorithm: "ES256",
    publicJwk: JSON.stringify(publicJwk),
    privateKey: encryptPrivateKey(JSON.stringify(await exportJWK(privateKey)), kid),
    createdAt: now,
  };
}

/**
 * What `npm run keys:rotate` in another process does, written straight to the database so this
 * process's key cache is not told: a new active key, every active key demoted to retiring.
 */
async function rotateBehindTheCache(): Promise<string> {
  const now = new Date();
  const row = await keyRow(now);
  await db.$transaction([
    db.signingKey.updateMany({ where: { status: "active" }, data: { status: "retiring", retiringAt: now } }),
    db.signingKey.create({ data: { ...row, status: "active", activatedAt: now } }),
  ]);
  return row.kid;
}

/** A key demoted at `retiringAt` (another process's rotation), not yet recorded as retired. */
async function insertRetiringKey(retiringAt: Date): Promise<string> {
  const row = await keyRow(new Date(retiringAt.getTime() - 60_000));
  await db.signingKey.create({
    data: { ...row, status: "retiring", activatedAt: row.createdAt, retiringAt },
  });
  return row.kid;
}

const signingKeyRows = () => db.signingKey.findMany({ orderBy: { kid: "asc" } });

describe("GET /.well-known/jwks.json", () => {
  it("only reads: creates, demotes and retires nothing, and leaves out a retiring key past its grace", async () => {
    await currentSigningKey();
    const graceMs = (env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW) * 1000;
    const pastGrace = await insertRetiringKey(new Date(Date.now() - graceMs - 60_000));
    const withinGrace = await insertRetiringKey(new Date());

    const before = await signingKeyRows();
    const { response, body } = await readJwks();
    expect(response.status).toBe(200);
    expect(await signingKeyRows()).toEqual(before);

    const kids = body.keys.map((key) => key.kid);
    expect(kids).toContain(withinGrace);
    expect(kids).not.toContain(pastGrace);
    // Out of the set by time alone; its row still says retiring until a rotation records it.
    expect(before.find((row) => row.kid === pastGrace)?.status).toBe("retiring");
    await rotateSigningKeys("test");
    expect((await db.signingKey.findUniqueOrThrow({ where: { kid: pastGrace } })).status).toBe("retired");
  });
});

const afterTtl = () => new Date(Date.now() + KEY_CACHE_TTL_MS + 1000);

describe("key cache in a running process", () => {
  it("sees a rotation done elsewhere: signs with the new key, and demotes the old one after the TTL", async () => {
    const before = await tokenFor();
    expect(await verifyAccessToken(before.token)).toMatchObject({ ok: true }); // warm, old key active
    expect((await findVerificationKey(before.kid))?.verifiesUntil).toBeNull();

    const newKid = await rotateBehindTheCache();
    // Signing reads the active row every time: the new key at once, no restart.
    expect((await tokenFor()).kid).toBe(newKid);

    // Within the TTL the cache still says "active"; past it, the reload knows it is retiring.
    expect((await findVerificationKey(before.kid))?.verifiesUntil).toBeNull();
    const retiring = await findVerificationKey(before.kid, afterTtl());
    expect(retiring?.verifiesUntil).toBeInstanceOf(Date);
  });

  it("refuses a token whose key was retired in the database, once the cache is older than the TTL", async () => {
    const before = await tokenFor();
    expect(await verifyAccessToken(before.token)).toMatchObject({ ok: true }); // warm, old key active
    await rotateBehindTheCache();

    // After a compromise the operator retires the old key outright (another process, no restart here).
    await db.signingKey.update({
      where: { kid: before.kid },
      data: { status: "retired", retiredAt: new Date() },
    });
    expect(await verifyAccessToken(before.token)).toMatchObject({ ok: true }); // warm cache, within TTL

    expect(await findVerificationKey(before.kid, afterTtl())).toBeNull();
    expect(await verifyAccessToken(before.token)).toEqual({
      ok: false,
      reason: "The token's key is unknown",
    });
  });
});
