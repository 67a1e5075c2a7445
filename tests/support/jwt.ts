// Helpers for the JWT-mode tests: sign in a user, send its access cookie, sign arbitrary claims with the
// app's real key (to build tokens that are correctly signed but wrong in one way).
import { SignJWT, type JWTHeaderParameters, type JWTPayload } from "jose";
import { db } from "@/lib/db";
import { tokenAudience, tokenIssuer } from "@/lib/jwt/config";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { currentSigningKey } from "@/lib/jwt/keys/signing";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { createPasswordUser, testContext } from "./factories";

export async function signedInUser() {
  const user = await createPasswordUser();
  const pair = await issueTokenPair(user, testContext());
  return { user, pair };
}

/** The `name=value` pair a browser sends for JWT mode's access cookie. */
export function accessCookieHeader(accessToken: string): string {
  return `${jwtCookieNames().access}=${accessToken}`;
}

/** Claims as a valid access token would carry them, for overriding one at a time. */
export function validClaims(overrides: JWTPayload & Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: tokenIssuer(),
    aud: tokenAudience(),
    sub: "user-1",
    email: "someone@example.test",
    iat: now,
    exp: now + 60,
    jti: crypto.randomUUID(),
    sid: "family-1",
    ...overrides,
  };
}

/** Signs with the app's active key; the header defaults to a proper access-token header. */
export async function signWithAppKey(
  claims: JWTPayload,
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  const key = await currentSigningKey();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: "at+jwt", ...header })
    .sign(key.privateKey);
}

/**
 * Rows a rejected token must not create or change. Scoped to one user: other test files share
 * the database and run at the same time.
 */
export async function sideEffectSnapshot(userId: string) {
  const [audit, denied, families, revokedFamilies, tokensNotBefore] = await Promise.all([
    db.auditEvent.count({ where: { userId } }),
    db.revokedAccessToken.count({ where: { userId } }),
    db.refreshTokenFamily.count({ where: { userId } }),
    db.refreshTokenFamily.count({ where: { userId, revokedAt: { not: null } } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { tokensNotBefore: true } }),
  ]);
  return { audit, denied, families, revokedFamilies, tokensNotBefore };
}
