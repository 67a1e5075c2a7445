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
import type { JwtAlgorithm } from "../config";
import { cachedPrivateKey, markKeyCacheStale, rememberVerificationKey } from "./cache";
import { decryptPrivateKey, encryptPrivateKey } from "./encryption";
import { isJwtAlgorithm } from "./jwk";
import { retiringGraceMs } from "./store";

export type SigningKey = { kid: string; algorithm: JwtAlgorithm; privateKey: CryptoKey };

type SigningKeyRow = Awaited<ReturnType<typeof db.signingKey.findFirstOrThrow>>;

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

/** A stored key whose private part no listed JWT_KEYS_SECRET decrypts. */
export class UndecryptableSigningKeyError extends Error {
  constructor(readonly kid: string) {
    super(
      `JWT_KEYS_SECRET: signing key ${kid} decrypts with none of the listed secrets (the secret it was ` +
        "encrypted with is no longer in JWT_KEYS_SECRET). Put that secret back after the new one " +
        "(JWT_KEYS_SECRET=<new>,<old>), or run `npm run keys:rotate` to replace the key.",
    );
    this.name = "UndecryptableSigningKeyError";
  }
}

async function signingKeyOf(row: SigningKeyRow): Promise<SigningKey> {
  const { algorithm, privateKey: sealed } = row;
  if (!isJwtAlgorithm(algorithm) || !sealed) throw new Error(`signing key ${row.kid} cannot sign`);
  await rememberVerificationKey(row);
  const privateKey = await cachedPrivateKey(row.kid, async () => {
    const opened = decryptPrivateKey(sealed, row.kid);
    if (!opened) throw new UndecryptableSigningKeyError(row.kid);
    return (await importJWK(JSON.parse(opened.plaintext) as JWK, algorithm)) as CryptoKey;
  });
  return { kid: row.kid, algorithm, privateKey };
}

/**
 * Outside production, an active key no listed secret decrypts (JWT_KEYS_SECRET changed, or
 * .env.local deleted beside a kept database) is replaced instead of failing every sign-in: a new
 * key signs, the old one keeps verifying the tokens it signed until they expire. Production
 * refuses to start instead (./secrets.ts), and a key met here throws with the same advice.
 */
async function replaceUndecryptable(row: SigningKeyRow, now: Date): Promise<SigningKeyRow | null> {
  if (env.isProduction) throw new UndecryptableSigningKeyError(row.kid);
  logger.warn(
    "jwt: the active signing key decrypts with none of the JWT_KEYS_SECRET values; a new key replaces it (tokens it signed keep verifying until they expire)",
    { kid: row.kid },
  );
  return rotateFrom([row.kid], "undecryptable", now);
}

function isStale(row: SigningKeyRow, now: Date): boolean {
  const since = (row.activatedAt ?? row.createdAt).getTime();
  return row.algorithm !== env.JWT_ALGORITHM || now.getTime() - since >= env.JWT_KEY_ROTATION_INTERVAL * 1000;
}

/** Retiring keys whose last possible token has expired are recorded as retired. */
export async function retireExpiredKeys(now = new Date()): Promise<number> {
  const { count } = await db.signingKey.updateMany({
    where: { status: "retiring", retiringAt: { lte: new Date(now.getTime() - retiringGraceMs()) } },
    data: { status: "retired", retiredAt: now },
  });
  return count;
}

/**
 * Makes a new active key and demotes `replacing` (the keys that were active) to retiring, in one
 * transaction. The demotion is a conditional update: when two requests race to rotate the same
 * stale key, only the one whose update matched creates a key; the other returns null. A
 * rotation is also when earlier retiring keys past their grace are recorded as retired.
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
  if (!created) return null;
  markKeyCacheStale();
  await retireExpiredKeys(now);
  await recordAuditEvent({
    type: "key.rotated",
    mode: "jwt",
    detail: { kid: created.kid, algorithm: created.algorithm, previous: replacing, reason },
  });
  logger.info("jwt: signing key activated", { kid: created.kid, previous: replacing, reason });
  return created;
}

/** The active keys, newest first: the one query for "which key signs". */
async function findActiveKeys(): Promise<SigningKeyRow[]> {
  return db.signingKey.findMany({
    where: { status: "active" },
    orderBy: [{ activatedAt: "desc" }, { kid: "desc" }],
  });
}

/**
 * The key that signs new tokens. Creates the first one on first use (the first sign-in), and
 * rotates lazily when the active key is older than JWT_KEY_ROTATION_INTERVAL or uses another
 * algorithm than JWT_ALGORITHM. Safe under concurrency: racing rotations create one key, and if
 * two processes ever both create a first key, the newest wins and the other is demoted.
 */
export async function currentSigningKey(now = new Date()): Promise<SigningKey> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [newest, ...others] = await findActiveKeys();
    if (!newest) {
      const created = await rotateFrom([], "first use", now);
      if (created) return signingKeyOf(created);
      continue;
    }
    if (others.length > 0) {
      await db.signingKey.updateMany({
        where: { kid: { in: others.map((row) => row.kid) }, status: "active" },
        data: { status: "retiring", retiringAt: now },
      });
    }
    if (!isStale(newest, now)) {
      try {
        return await signingKeyOf(newest);
      } catch (error) {
        if (!(error instanceof UndecryptableSigningKeyError)) throw error;
      }
    }
    const rotated = isStale(newest, now)
      ? await rotateFrom([newest.kid], "scheduled", now)
      : await replaceUndecryptable(newest, now);
    if (rotated) return signingKeyOf(rotated);
    // Another request rotated first: read again and use its key.
  }
  throw new Error("jwt: no active signing key after 3 attempts");
}

/** `npm run keys:rotate`: a new active key now; every active key becomes retiring. */
export async function rotateSigningKeys(
  reason = "manual",
  now = new Date(),
): Promise<{ kid: string; retiring: string[] }> {
  const replacing = (await findActiveKeys()).map((row) => row.kid);
  const created = await rotateFrom(replacing, reason, now);
  if (!created) throw new Error("jwt: a concurrent rotation won; run the command again");
  return { kid: created.kid, retiring: replacing };
}
