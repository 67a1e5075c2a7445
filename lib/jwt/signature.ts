import "server-only";
import { errors, jwtVerify, type JWTPayload } from "jose";
import { fail, ok, type Result } from "@/lib/core/result";
import { RememberedResults } from "@/lib/crypto/remembered";
import { env } from "@/lib/env";
import { timeCrypto } from "@/lib/timing";
import { ACCESS_TOKEN_TYPE, tokenAudience, tokenIssuer } from "./config";
import type { VerificationKey } from "./keys/cache";

export type AccessTokenClaims = {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  /** The refresh family (RefreshTokenFamily.id) this token was issued for. */
  sid: string;
  /**
   * Who the token is for, so a verified token needs no user lookup (the stateless point). Anyone
   * holding the token can read these: nothing here is secret.
   */
  email: string;
  name?: string;
};

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The access token expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "typ"
      ? "The token is not an access token"
      : `The token's "${error.claim}" claim is invalid`;
  }
  return "The access token is invalid";
}

// Tokens this process has verified, until they would fail jose's time checks anyway: the
// signature and claims checks are a pure function of the token and our key, and what can end a
// token early is checked outside this memo on every request (the key still verifying, read from
// the key cache; the deny-list when it is on). So a remembered verification never outlives a
// revocation or a key's retirement (docs/benchmarks.md). Bounded; only valid tokens are kept.
const verified = new RememberedResults<AccessTokenClaims>(10_000);

/** Until when a verified token would pass jose's exp and maxTokenAge checks (epoch ms). */
function validUntil(claims: AccessTokenClaims): number {
  const skew = env.JWT_CLOCK_SKEW;
  return Math.min(claims.exp + skew, claims.iat + env.JWT_ACCESS_TTL + skew) * 1000;
}

function wellFormed(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    typeof claims.sub === "string" &&
    typeof claims.jti === "string" &&
    typeof claims.sid === "string" &&
    typeof claims.email === "string" &&
    (claims.name === undefined || typeof claims.name === "string") &&
    typeof claims.aud === "string" &&
    typeof claims.iss === "string" &&
    typeof claims.iat === "number" &&
    typeof claims.exp === "number"
  );
}

/**
 * The signature (with OUR key for the token's kid) and the claims of an access token. With
 * `allowExpired` (sign-out only: which family to end) a correctly signed token past its exp
 * passes, and nothing is remembered.
 */
export async function verifySignedClaims(
  token: string,
  key: VerificationKey,
  allowExpired: boolean,
): Promise<Result<AccessTokenClaims>> {
  const known = allowExpired ? undefined : verified.get(`${key.kid} ${token}`);
  if (known) return ok(known);
  let payload: JWTPayload;
  try {
    ({ payload } = await timeCrypto(() =>
      jwtVerify(token, key.publicKey, {
        algorithms: [key.algorithm],
        issuer: tokenIssuer(), // RFC 8725 §3.8
        audience: tokenAudience(), // RFC 8725 §3.9
        typ: ACCESS_TOKEN_TYPE, // RFC 8725 §3.11: an ID token or other JWT is not an access token
        requiredClaims: ["exp", "iat", "sub", "jti", "sid", "email"],
        // ASVS 9.2.1: exp/nbf enforced with bounded skew; iat must not be in the future.
        clockTolerance: env.JWT_CLOCK_SKEW,
        maxTokenAge: allowExpired ? undefined : env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW,
        currentDate: allowExpired ? new Date(0) : undefined,
      }),
    ));
  } catch (error) {
    return fail(describe(error));
  }
  const claims = payload as Partial<AccessTokenClaims>;
  if (!wellFormed(claims)) return fail("The access token's claims are malformed");
  if (!allowExpired) verified.set(`${key.kid} ${token}`, claims, validUntil(claims));
  return ok(claims);
}
