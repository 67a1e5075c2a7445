import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A 256-bit CSPRNG value, base64url (43 characters): session tokens, refresh tokens, API keys. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 hex: what the database keeps instead of a bearer secret (ASVS 7.2.3, 9.1.x). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time string comparison for secrets of possibly different lengths. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}
