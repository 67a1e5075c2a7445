import "server-only";
import { env } from "@/lib/env";

/** The asymmetric algorithms this app signs and accepts (RFC 8725 §3.1: an explicit allow-list). */
export const JWT_ALGORITHMS = ["ES256", "EdDSA"] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** RFC 9068 §2.1 / RFC 8725 §3.11: explicit typing, so no other JWT passes as an access token. */
export const ACCESS_TOKEN_TYPE = "at+jwt";

/**
 * Tokens longer than this are refused before any parsing or crypto. Ours are ~500 bytes; the cap
 * keeps a hostile 16 KB token from costing base64 and JSON work (ASVS 9.1.x, resource limits).
 */
export const MAX_ACCESS_TOKEN_LENGTH = 8 * 1024;

/** `iss` and `aud` are both this app's origin: it issues and consumes its own tokens. */
export function tokenIssuer(): string {
  return new URL(env.APP_URL).origin;
}

export function tokenAudience(): string {
  return new URL(env.APP_URL).origin;
}

/**
 * Browser cookie paths only: how long after a token was used a second request carrying the same
 * cookie counts as a concurrent sibling (two tabs loading at once, both sent the cookie before
 * either got the rotated one) rather than reuse. Short, because within it a stolen copy is not
 * detected either; only when the token's successor is still unused (the winner's response is on
 * its way) and the family is live. The Bearer API never gets it (clients there are not racing
 * tabs: RFC 9700 §4.14.2 strict).
 */
export const ROTATION_GRACE_MS = 10_000;
