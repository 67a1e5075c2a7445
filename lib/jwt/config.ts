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
