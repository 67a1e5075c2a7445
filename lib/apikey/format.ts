import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { hashToken } from "@/lib/crypto/tokens";

// An API key reads `ak_<prefix>_<secret>`:
// - `ak_` says what it is, so a leaked key is recognisable (secret scanners, logs);
// - the prefix, 12 hex digits from the CSPRNG, is not secret: it names the key in lists and
//   finds its row by a unique index;
// - the secret, 256 bits from the CSPRNG (ASVS 7.2.3: at least 128), base64url.
// The database keeps the prefix and the SHA-256 of the whole key (ASVS 11.4.1, an approved
// hash). A fast hash is right for a high-entropy random secret: ASVS 11.4.2's slow password
// hashing exists because passwords are guessable, and a 256-bit secret cannot be guessed from its
// hash. The comparison is constant-time (ASVS 11.2.4).

const PREFIX_BYTES = 6;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^ak_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export type NewApiKey = { key: string; prefix: string; hash: string };

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(PREFIX_BYTES).toString("hex");
  const key = `ak_${prefix}_${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { key, prefix, hash: hashToken(key) };
}

/** The prefix of a well-formed key, or null: anything else is refused before any read. */
export function apiKeyPrefixOf(value: string): string | null {
  return KEY_PATTERN.exec(value)?.[1] ?? null;
}

/** Looks like one of ours (`ak_…`), well-formed or not: JWT mode leaves such tokens alone. */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith("ak_");
}

// A digest no key has, compared when no row matched, so an unknown prefix costs what a wrong
// secret costs.
const NO_KEY_DIGEST = Buffer.alloc(32);

/**
 * Whether `key` is the key whose SHA-256 (hex) is `storedHash`: crypto.timingSafeEqual over two
 * 32-byte digests (equal length always, so it never throws and never short-circuits).
 */
export function apiKeyMatches(storedHash: string | null, key: string): boolean {
  const stored = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, "hex") : null;
  const presented = Buffer.from(hashToken(key), "hex");
  return timingSafeEqual(stored ?? NO_KEY_DIGEST, presented) && stored !== null;
}
