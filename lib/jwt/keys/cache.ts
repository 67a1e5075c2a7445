import "server-only";
import { importJWK, type CryptoKey } from "jose";
import { logger } from "@/lib/log";
import type { JwtAlgorithm } from "../config";
import { toPublicJwk } from "./jwk";
import { findVerifyingKeys, type PublicKeyRow, verifiesUntil } from "./store";

// Verifying an access token must not read the database (the point of stateless tokens), so
// public keys live in memory. A token naming a kid we do not hold may trigger a reload from OUR
// database, at most once per interval; a key is never fetched from anywhere a token points to
// (RFC 8725 §3.10: jku/x5u/jwk are ignored and refused).
export const RELOAD_INTERVAL_MS = 10_000;

/**
 * The cache is also reloaded once it is older than this, whatever kid is asked for: a key
 * retired, or demoted by `npm run keys:rotate` in another process, stops verifying in every
 * running instance within this long (ASVS 11.1.x: rotation after a compromise must take
 * effect), at the cost of one query per instance per interval, not per request.
 */
export const KEY_CACHE_TTL_MS = 60_000;

export type VerificationKey = {
  kid: string;
  algorithm: JwtAlgorithm;
  publicKey: CryptoKey;
  /** Null while active; a retiring key verifies until this instant. */
  verifiesUntil: Date | null;
};

type KeyCache = {
  keys: Map<string, VerificationKey>;
  /** When the keys were last read successfully (0: never, or invalidated). */
  loadedAt: number;
  /** When a reload was last started, successful or not: rate-limits unknown kids and retries. */
  attemptedAt: number;
  loading: Promise<void> | null;
  /**
   * Why the last reload failed, until one succeeds. While it is set, a kid missing from memory
   * was never checked against the database: "cannot check", not "unknown".
   */
  failure: unknown;
};

// On globalThis so dev hot reload keeps one cache per process.
const globalForKeys = globalThis as typeof globalThis & {
  authlabJwtKeys?: KeyCache;
  authlabJwtPrivateKeys?: Map<string, Promise<CryptoKey>>;
};

const cache = (globalForKeys.authlabJwtKeys ??= {
  keys: new Map(),
  loadedAt: 0,
  attemptedAt: 0,
  loading: null,
  failure: null,
});
const privateKeys: Map<string, Promise<CryptoKey>> = (globalForKeys.authlabJwtPrivateKeys ??= new Map());

async function toVerificationKey(row: PublicKeyRow): Promise<VerificationKey> {
  const jwk = toPublicJwk(row);
  return {
    kid: row.kid,
    algorithm: jwk.alg,
    publicKey: (await importJWK(jwk, jwk.alg)) as CryptoKey,
    verifiesUntil: verifiesUntil(row),
  };
}

async function loadVerificationKeys(): Promise<void> {
  const keys = new Map<string, VerificationKey>();
  for (const row of await findVerifyingKeys()) {
    try {
      keys.set(row.kid, await toVerificationKey(row));
    } catch (error) {
      logger.error("jwt: skipping unusable signing key", { kid: row.kid, error });
    }
  }
  // Replaced wholesale: a key that no longer verifies according to the database is gone from memory.
  cache.keys = keys;
  cache.loadedAt = Date.now();
  cache.failure = null;
}

// Stamped with the real clock, whatever `now` a caller passes: a test's future `now` makes the
// cache look stale (and reload) without leaving it looking fresh for real callers afterwards.
function reload(): Promise<void> {
  cache.attemptedAt = Date.now();
  cache.loading ??= loadVerificationKeys()
    .catch((error: unknown) => {
      cache.failure = error;
      throw error;
    })
    .finally(() => {
      cache.loading = null;
    });
  return cache.loading;
}

/**
 * The public key for a kid, from memory. The cache is reloaded from the database when it is
 * older than KEY_CACHE_TTL_MS, or for an unknown kid when the last reload began more than
 * RELOAD_INTERVAL_MS ago (a flood of random kids costs one query per interval, not one per
 * request). A failed reload keeps the keys already held (logged) and is retried after
 * RELOAD_INTERVAL_MS: a database outage does not stop stateless verification. Null means the
 * database was read and does not vouch for the kid; while reloads fail, a kid not in memory
 * throws the reload's error instead ("cannot check": 503, never a 401 that makes a client throw
 * its token away).
 */
export async function findVerificationKey(kid: string, now = new Date()): Promise<VerificationKey | null> {
  const at = now.getTime();
  const retryDue = at - cache.attemptedAt > RELOAD_INTERVAL_MS;
  const stale = at - cache.loadedAt > KEY_CACHE_TTL_MS;
  const held = cache.keys.has(kid);
  const reloadDue = (stale && (cache.loadedAt === 0 || retryDue)) || (!held && retryDue);
  // A reload already under way may bring the kid (or the rotation a stale cache has not seen).
  if (reloadDue || (cache.loading && (stale || !held))) {
    try {
      await reload();
    } catch (error) {
      if (!cache.keys.has(kid)) throw error;
      logger.error("jwt: reloading verification keys failed; keeping the cached ones", { error });
    }
  }
  const key = cache.keys.get(kid);
  if (!key) {
    if (cache.failure) throw cache.failure;
    return null;
  }
  if (key.verifiesUntil && key.verifiesUntil <= now) return null;
  return key;
}

/** A process that signs with a key verifies its own tokens without a reload. */
export async function rememberVerificationKey(row: PublicKeyRow): Promise<void> {
  if (!cache.keys.has(row.kid)) cache.keys.set(row.kid, await toVerificationKey(row));
}

/** The imported private key for a kid, decrypted and imported once per process. */
export function cachedPrivateKey(kid: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let imported = privateKeys.get(kid);
  if (!imported) {
    imported = load();
    privateKeys.set(kid, imported);
  }
  return imported;
}

/** After a rotation in this process: the next verification reloads, so it sees the rotation at once. */
export function markKeyCacheStale(): void {
  cache.loadedAt = 0;
  cache.attemptedAt = 0;
}

/** Drops every cached key, as in a freshly started process (tests). */
export function clearKeyCache(): void {
  cache.keys = new Map();
  cache.failure = null;
  markKeyCacheStale();
  privateKeys.clear();
}
