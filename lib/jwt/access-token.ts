import "server-only";
import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, SignJWT, type ProtectedHeaderParameters } from "jose";
import { fail, ok, type Result } from "@/lib/core/result";
import { readRows, toDate } from "@/lib/db";
import { env } from "@/lib/env";
import { redisConfigured } from "@/lib/redis/client";
import { readDenyList } from "@/lib/redis/deny-list";
import {
  ACCESS_TOKEN_TYPE,
  JWT_ALGORITHMS,
  MAX_ACCESS_TOKEN_LENGTH,
  tokenAudience,
  tokenIssuer,
  type JwtAlgorithm,
} from "./config";
import type { AccessTokenClaims } from "./signature";
import { findVerificationKey } from "./keys/cache";
import { verifySignedClaims } from "./signature";
import { currentSigningKey } from "./keys/signing";

export type { AccessTokenClaims } from "./signature";

export type AccessTokenHeader = { alg: JwtAlgorithm; kid: string; typ: string };

export type SignedAccessToken = {
  token: string;
  jti: string;
  kid: string;
  expiresAt: Date;
  expiresIn: number;
};

/** A failure's `reason` is a human description, safe for an RFC 6750 `error_description`. */
export type AccessTokenVerification = Result<{ header: AccessTokenHeader; claims: AccessTokenClaims }>;

export type TokenSubject = { id: string; email: string; name: string | null };

/** Signs an access token for a user and refresh family. */
export async function signAccessToken(input: {
  user: TokenSubject;
  familyId: string;
}): Promise<SignedAccessToken> {
  const key = await currentSigningKey();
  const jti = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const exp = now + env.JWT_ACCESS_TTL;
  const profile = input.user.name
    ? { email: input.user.email, name: input.user.name }
    : { email: input.user.email };
  const token = await new SignJWT({ sid: input.familyId, ...profile })
    // RFC 9068 §2.1 / RFC 8725 §3.11: `typ: at+jwt`; `kid` picks our own key, nothing else.
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(tokenIssuer())
    .setAudience(tokenAudience())
    .setSubject(input.user.id)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
  return { token, jti, kid: key.kid, expiresAt: new Date(exp * 1000), expiresIn: env.JWT_ACCESS_TTL };
}

// Compact JWS: three base64url segments and nothing else.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const KID = /^[A-Za-z0-9_-]{1,128}$/;
// RFC 8725 §3.10: headers that would let the token choose its own verification key.
const KEY_SOURCE_HEADERS = ["jku", "x5u", "jwk", "x5c"] as const;

function isAlgorithm(value: unknown): value is JwtAlgorithm {
  return typeof value === "string" && (JWT_ALGORITHMS as readonly string[]).includes(value);
}

export type VerifyOptions = {
  /** Skip the deny-list even when it is on (sign-out reads its own family id). */
  skipDenyList?: boolean;
  /** Accept a correctly signed token past its exp: only to learn which family to sign out. */
  allowExpired?: boolean;
  /**
   * Check the deny-list even with JWT_DENYLIST off: the lab (lib/lab) measures what turning it on
   * would refuse, and what the lookup costs. Nothing that decides access sets it.
   */
  forceDenyList?: boolean;
};

/**
 * Verifies an access token. Everything that can be refused without crypto is refused first
 * (length, shape, header); then the signature with OUR key for the header's kid, and the claims.
 * With JWT_DENYLIST off this reads no database row; with it on, the `jti` deny-list and the
 * user's `tokensNotBefore`/`disabledAt` are checked too.
 */
export async function verifyAccessToken(
  token: unknown,
  options: VerifyOptions = {},
): Promise<AccessTokenVerification> {
  // ASVS 9.1.x: bound the input before parsing it.
  if (typeof token !== "string" || token.length === 0) return fail("No access token");
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) return fail("The access token is too long");
  if (!COMPACT_JWS.test(token)) return fail("The access token is malformed");

  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail("The access token is malformed");
  }
  // RFC 8725 §3.1: algorithm allow-list (no `none`, no HMAC, in any casing).
  if (!isAlgorithm(header.alg)) return fail("The token's algorithm is not accepted");
  // RFC 8725 §3.10: never take a key, or a place to fetch one, from the token itself.
  if (KEY_SOURCE_HEADERS.some((name) => name in header)) return fail("The token names its own key");
  if (typeof header.kid !== "string" || !KID.test(header.kid)) return fail("The token's key id is invalid");

  const key = await findVerificationKey(header.kid);
  if (!key) return fail("The token's key is unknown");
  // The key's own algorithm, not the token's choice (RFC 8725 §3.1, key confusion).
  if (header.alg !== key.algorithm) return fail("The token's algorithm does not match its key");

  const checked = await verifySignedClaims(token, key, options.allowExpired === true);
  if (!checked.ok) return checked;
  const verified = checked.value;

  if ((env.JWT_DENYLIST || options.forceDenyList) && !options.skipDenyList) {
    const listed = await checkDenyList(verified);
    if (!listed.ok) return listed;
  }
  return ok({ header: { alg: key.algorithm, kid: key.kid, typ: ACCESS_TOKEN_TYPE }, claims: verified });
}

// The deny-list check in one round trip through the driver's prepared statement: the jti's
// deny-list entry and the user's cut-off and status (a missing user reads as not active).
const DENY_LIST_CHECK = `
  SELECT (SELECT COUNT(*) FROM "revoked_access_tokens" r WHERE r."jti" = ?) AS "revoked",
         u."id", u."disabledAt", u."tokensNotBefore"
  FROM (SELECT 1 AS "one") probe LEFT JOIN "users" u ON u."id" = ?`;

/**
 * The optional server-side check (ASVS 7.4.1 / 9.x): a token revoked by jti (sign-out), issued
 * before the user's `tokensNotBefore` (password change, "sign out everywhere"), or belonging
 * to a disabled account is refused before its exp. Costs one indexed read per request, or one
 * Redis round trip with REDIS_URL set (./deny-list in lib/redis; disabling an account writes its
 * cut-off there, lib/auth/disable.ts).
 */
async function checkDenyList(claims: AccessTokenClaims): Promise<Result<void>> {
  if (redisConfigured()) {
    const listed = await readDenyList(claims.jti, claims.sub);
    if (listed.revoked) return fail("The access token was revoked");
    return checkNotBefore(claims, listed.notBefore);
  }
  const [row] = await readRows(DENY_LIST_CHECK, [claims.jti, claims.sub]);
  if (Number(row?.revoked ?? 0) > 0) return fail("The access token was revoked");
  if (!row?.id || row.disabledAt) return fail("The account is not active");
  return checkNotBefore(claims, toDate(row.tokensNotBefore));
}

function checkNotBefore(claims: AccessTokenClaims, notBefore: Date | null): Result<void> {
  // iat has second precision: a token from the same second as the cut-off is refused too.
  if (notBefore && claims.iat < Math.ceil(notBefore.getTime() / 1000)) {
    return fail("The access token was issued before the account's credentials were revoked");
  }
  return ok(undefined);
}
