import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A 256-bit CSPRNG value, base64url (43 characters): session tokens, refresh tokens, API keys. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 hex: what the database keeps instead of a bearer secret (ASVS 7.2.3, 9.1.x). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
