import "server-only";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from "jose";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { JWT_ALGORITHMS, type JwtAlgorithm } from "./config";
import { decryptPrivateKey, encryptPrivateKey } from "./key-encryption";

// Key lifecycle: a key is created `active` (it signs), becomes `retiring` when a newer key takes
// over (it only verifies, until the last token it signed has expired), then `retired` (gone from
// the JWKS and refused). ASVS 11.1.x / RFC 8725 §3.5: keys have a bounded, recorded lifetime.

export type KeyStatus = "active" | "retiring" | "retired";

type SigningKeyRow = Awaited<ReturnType<typeof db.signingKey.findFirstOrThrow>>;

/** A public JWK with only public members: what verification and the JWKS use. */
export type PublicJwk = {
  kty: string;
  crv: string;
  x: string;
  y?: string;
  kid: string;
  alg: JwtAlgorithm;
  use: "sig";
};

export type SigningKey = { kid: string; algorithm: JwtAlgorithm; privateKey: CryptoKey };

type VerificationKey = {
  kid: string;
  algorithm: JwtAlgorithm;
  publicKey: CryptoKey;
  /** Null while active; a retiring key verifies until this instant. */
  verifiesUntil: Date | null;
};

/** How long a retiring key keeps verifying: the longest an access token it signed can live. */
function retiringGraceMs(): number {
  return (env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW) * 1000;
}

function isAlgorithm(value: string): value is JwtAlgorithm {
  return (JWT_ALGORITHMS as readonly string[]).includes(value);
}

/** Copies only the public members, whatever the stored JSON holds (never d, p, q, dp, dq, qi). */
export function toPublicJwk(row: { kid: string; algorithm: string; publicJwk: string }): PublicJwk {
  const parsed = JSON.parse(row.publicJwk) as JWK;
  if (!isAlgorithm(row.algorithm) || !parsed.kty || !parsed.crv || !parsed.x) {
    throw new Error(`signing key ${row.kid} has an unusable public key`);
  }
  return {
    kty: parsed.kty,
    crv: parsed.crv,
    x: parsed.x,
    ...(parsed.y ? { y: parsed.y } : {}),
    kid: row.kid,
    alg: row.algorithm,
    use: "sig",
  };
}

// ---------------------------------------------------------------- verification key cache

// Verifying an access token must not read the database (the point of stateless tokens), so
// public keys live in memory. A token naming a kid we do not hold may trigger a reload from OUR
// database, at most once per interval; a key is never fetched from anywhere a token points to
// (RFC 8725 §3.10: jku/x5u/jwk are ignored and refused).
const RELOAD_INTERVAL_MS = 10_000;

/**
 * The cache is also reloaded once it is older than this, whatever kid is asked for: a key
 * retired, or demoted by `npm run keys:rotate` in another process, stops verifying in every
 * running instance within this long (ASVS 11.1.x: rotation after a compromise must take
 * effect), at the cost of one query per instance per interval, not per request.
 */
export const KEY_CACHE_TTL_MS = 60_000;

type KeyCache = {
  keys: Map<string, VerificationKey>;
  /** When the keys were last read successfully (0: never, or invalidated). */
  loadedAt: number;
  /** When a reload was last started, successful or not: rate-limits unknown kids and retries. */
  attemptedAt: number;
  loading: Promise<void> | null;
};
const globalForKeys = globalThis as typeof globalThis & {
  authlabJwtKeys?: KeyCache;
  authlabJwtPrivateKeys?: Map<string, Promise<CryptoKey>>;
};

const cache = (globalForKeys.authlabJwtKeys ??= {
  keys: new Map(),
  loadedAt: 0,
  attemptedAt: 0,
  loading: null,
});
const privateKeys: Map<string, Promise<CryptoKey>> = (globalForKeys.authlabJwtPrivateKeys ??= new Map());

async function toVerificationKey(row: SigningKeyRow): Promise<VerificationKey> {
  const jwk = toPublicJwk(row);
  return {
    kid: row.kid,
    algorithm: jwk.alg,
    publicKey: (await importJWK(jwk, jwk.alg)) as CryptoKey,
    verifiesUntil:
      row.status === "retiring"
        ? new Date((row.retiringAt ?? row.createdAt).getTime() + retiringGraceMs())
        : null,
  };
}

async function loadVerificationKeys(): Promise<void> {
  const rows = await db.signingKey.findMany({ where: { status: { in: ["active", "retiring"] } } });
  const keys = new Map<string, VerificationKey>();
  for (const row of rows) {
    try {
      keys.set(row.kid, await toVerificationKey(row));
    } catch (error) {
      logger.error("jwt: skipping unusable signing key", { kid: row.kid, error });
    }
  }
  // Replaced wholesale: a key no longer active or retiring in the database is gone from memory.
  cache.keys = keys;
  cache.loadedAt = Date.now();
}

// Stamped with the real clock, whatever `now` a caller passes: a test's future `now` makes the
// cache look stale (and reload) without leaving it looking fresh for real callers afterwards.
function reload(): Promise<void> {
  cache.attemptedAt = Date.now();
  cache.loading ??= loadVerificationKeys().finally(() => {
    cache.loading = null;
  });
  return cache.loading;
}

/**
 * The public key for a kid, from memory. The cache is reloaded from the database when it is
 * older than KEY_CACHE_TTL_MS, or for an unknown kid when the last reload began more than
 * RELOAD_INTERVAL_MS ago (a flood of random kids costs one query per interval, not one per
 * request). A failed TTL reload keeps the keys already held (logged) and is retried after
 * RELOAD_INTERVAL_MS: a database outage does not stop stateless verification.
 */
export async function findVerificationKey(kid: string, now = new Date()): Promise<VerificationKey | null> {
  const at = now.getTime();
  const retryDue = at - cache.attemptedAt > RELOAD_INTERVAL_MS;
  if (at - cache.loadedAt > KEY_CACHE_TTL_MS && (cache.loadedAt === 0 || retryDue || cache.loading)) {
    try {
      await reload();
    } catch (error) {
      // Keys this process already holds (loaded before, or its own signing key) still verify:
      // only a kid it has never seen makes the outage "cannot check".
      if (!cache.keys.has(kid)) throw error;
      logger.error("jwt: reloading verification keys failed; keeping the cached ones", { error });
    }
  }
  let key = cache.keys.get(kid);
  if (!key && at - cache.attemptedAt > RELOAD_INTERVAL_MS) {
    await reload();
    key = cache.keys.get(kid);
  }
  if (!key) return null;
  if (key.verifiesUntil && key.verifiesUntil <= now) return null;
  return key;
}

/** Drops every cached key (tests, and after a rotation in this process). */
export function clearKeyCache(): void {
  cache.keys = new Map();
  cache.loadedAt = 0;
  cache.attemptedAt = 0;
  privateKeys.clear();
}

// ---------------------------------------------------------------- signing keys

async function createKeyMaterial(algorithm: JwtAlgorithm) {
  const { publicKey, privateKey } = await generateKeyPair(
    algorithm,
    algorithm === "EdDSA" ? { crv: "Ed25519", extractable: true } : { extractable: true },
  );
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  // RFC 7638 thumbprint: a kid derived from the key, so it can never name two different keys.
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    algorithm,
    publicJwk: JSON.stringify(publicJwk),
    privateKey: encryptPrivateKey(JSON.stringify(privateJwk), kid),
  };
}

async function privateKeyOf(row: SigningKeyRow): Promise<SigningKey> {
  const algorithm = row.algorithm;
  if (!isAlgorithm(algorithm) || !row.privateKey) throw new Error(`signing key ${row.kid} cannot sign`);
  // A process that signs with a key can verify its own tokens without a reload.
  if (!cache.keys.has(row.kid)) cache.keys.set(row.kid, await toVerificationKey(row));
  let imported = privateKeys.get(row.kid);
  if (!imported) {
    const jwk = JSON.parse(decryptPrivateKey(row.privateKey, row.kid)) as JWK;
    imported = importJWK(jwk, algorithm) as Promise<CryptoKey>;
    privateKeys.set(row.kid, imported);
  }
  return { kid: row.kid, algorithm, privateKey: await imported };
}

function isStale(row: SigningKeyRow, now: Date): boolean {
  const since = (row.activatedAt ?? row.createdAt).getTime();
  return row.algorithm !== env.JWT_ALGORITHM || now.getTime() - since >= env.JWT_KEY_ROTATION_INTERVAL * 1000;
}

/**
 * Makes a new active key and demotes `replacing` (the keys that were active) to retiring, in one
 * transaction. The demotion is a conditional update: when two requests race to rotate the same
 * stale key, only the one whose update matched creates a key; the other returns null.
 */
async function rotateFrom(replacing: string[], reason: string, now: Date): Promise<SigningKeyRow | null> {
  const material = await createKeyMaterial(env.JWT_ALGORITHM);
  const created = await db.$transaction(async (tx) => {
    if (replacing.length > 0) {
      const demoted = await tx.signingKey.updateMany({
        where: { kid: { in: replacing }, status: "active" },
        data: { status: "retiring", retiringAt: now },
      });
      if (demoted.count === 0) return null;
    }
    return tx.signingKey.create({
      data: { ...material, status: "active", activatedAt: now, createdAt: now },
    });
  });
  if (created) {
    // This process sees its own rotation at once: the next verification reloads.
    cache.loadedAt = 0;
    cache.attemptedAt = 0;
    await recordAuditEvent({
      type: "key.rotated",
      mode: "jwt",
      detail: { kid: created.kid, algorithm: created.algorithm, previous: replacing, reason },
    });
    logger.info("jwt: signing key activated", { kid: created.kid, previous: replacing, reason });
  }
  return created;
}

async function activeRows(): Promise<SigningKeyRow[]> {
  return db.signingKey.findMany({
    where: { status: "active" },
    orderBy: [{ activatedAt: "desc" }, { kid: "desc" }],
  });
}

/**
 * The key that signs new tokens. Creates the first one on first use, and rotates lazily when the
 * active key is older than JWT_KEY_ROTATION_INTERVAL or uses another algorithm than
 * JWT_ALGORITHM. Safe under concurrency: racing rotations create one key, and if two processes
 * ever both create a first key, the newest wins and the other is demoted to retiring.
 */
export async function currentSigningKey(now = new Date()): Promise<SigningKey> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await activeRows();
    const [newest, ...others] = rows;
    if (!newest) {
      const created = await rotateFrom([], "first use", now);
      if (created) return privateKeyOf(created);
      continue;
    }
    if (others.length > 0) {
      await db.signingKey.updateMany({
        where: { kid: { in: others.map((row) => row.kid) }, status: "active" },
        data: { status: "retiring", retiringAt: now },
      });
    }
    if (!isStale(newest, now)) return privateKeyOf(newest);
    const rotated = await rotateFrom([newest.kid], "scheduled", now);
    if (rotated) return privateKeyOf(rotated);
    // Another request rotated first: read again and use its key.
  }
  throw new Error("jwt: no active signing key after 3 attempts");
}

/** `npm run keys:rotate`: a new active key now; every active key becomes retiring. */
export async function rotateSigningKeys(
  reason = "manual",
  now = new Date(),
): Promise<{ kid: string; retiring: string[] }> {
  const replacing = (await activeRows()).map((row) => row.kid);
  const created = await rotateFrom(replacing, reason, now);
  if (!created) throw new Error("jwt: a concurrent rotation won; run the command again");
  await retireExpiredKeys(now);
  return { kid: created.kid, retiring: replacing };
}

/** Retiring keys whose last possible token has expired become retired (out of the JWKS). */
export async function retireExpiredKeys(now = new Date()): Promise<number> {
  const { count } = await db.signingKey.updateMany({
    where: { status: "retiring", retiringAt: { lte: new Date(now.getTime() - retiringGraceMs()) } },
    data: { status: "retired", retiredAt: now },
  });
  return count;
}

/** The public keys that verify tokens today (active + retiring), for /.well-known/jwks.json. */
export async function publicJwks(now = new Date()): Promise<{ keys: PublicJwk[] }> {
  await retireExpiredKeys(now);
  const rows = await db.signingKey.findMany({
    where: { status: { in: ["active", "retiring"] } },
    orderBy: [{ createdAt: "desc" }, { kid: "asc" }],
  });
  return { keys: rows.map(toPublicJwk) };
}

export type KeyStatusView = { kid: string; algorithm: string; status: KeyStatus; createdAt: Date };

/** The keys that verify today and their status, for the dashboard (no key material). */
export async function listVerifyingKeys(): Promise<KeyStatusView[]> {
  const rows = await db.signingKey.findMany({
    where: { status: { in: ["active", "retiring"] } },
    orderBy: [{ createdAt: "desc" }, { kid: "asc" }],
    select: { kid: true, algorithm: true, status: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, status: row.status as KeyStatus }));
}
