import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Private signing keys rest in the database encrypted with AES-256-GCM (ASVS 11.2.x, 13.3.x).
// The key-encryption key is derived from JWT_KEYS_SECRET with HKDF, so the secret itself is
// never used directly as a cipher key, and the kid is bound in as associated data: a ciphertext
// copied onto another key's row fails to decrypt. JWT_KEYS_SECRET may list several secrets,
// newest first (ASVS 13.3.4: rotation): the newest encrypts, every listed one decrypts.
const VERSION = "v1";
/**
 * The GCM tag length, pinned on both sides: without it Node accepts a shorter tag on decrypt,
 * which weakens the authentication an attacker has to forge (ASVS 5.0 11.3.x, NIST SP 800-38D).
 */
const AUTH_TAG_LENGTH = 16;

function keyEncryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "authlab", "jwt signing key encryption v1", 32));
}

/** Encrypts under the newest JWT_KEYS_SECRET. */
export function encryptPrivateKey(plaintext: string, kid: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyEncryptionKey(env.JWT_KEYS_SECRET), iv, {
    authTagLength: AUTH_TAG_LENGTH,
  });
  cipher.setAAD(Buffer.from(kid, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Throws when the secret is wrong or the value was tampered with (GCM authentication). */
function decryptWith(secret: string, sealed: string, kid: string): string {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error("unknown private key format");
  const authTag = Buffer.from(tag, "base64url");
  if (authTag.length !== AUTH_TAG_LENGTH) throw new Error("truncated authentication tag");
  const decipher = createDecipheriv("aes-256-gcm", keyEncryptionKey(secret), Buffer.from(iv, "base64url"), {
    authTagLength: AUTH_TAG_LENGTH,
  });
  decipher.setAAD(Buffer.from(kid, "utf8"));
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

export type DecryptedPrivateKey = {
  plaintext: string;
  /** False when an older listed secret decrypted it: re-encrypt it under the newest. */
  encryptedWithNewest: boolean;
};

/** The private key, decrypted with whichever listed JWT_KEYS_SECRET encrypted it; null if none. */
export function decryptPrivateKey(sealed: string, kid: string): DecryptedPrivateKey | null {
  const secrets = env.secretLists.JWT_KEYS_SECRET;
  for (const [index, secret] of secrets.entries()) {
    try {
      return { plaintext: decryptWith(secret, sealed, kid), encryptedWithNewest: index === 0 };
    } catch {
      // Not this secret (or tampered): try the next one.
    }
  }
  return null;
}
