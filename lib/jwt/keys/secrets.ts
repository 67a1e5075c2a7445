import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { markKeyCacheStale } from "./cache";
import { decryptPrivateKey, encryptPrivateKey } from "./encryption";
import { rotateSigningKeys, UndecryptableSigningKeyError } from "./signing";

export type SigningKeySecretsReport = {
  /** Keys an older listed secret decrypted, now encrypted under the newest. */
  reencrypted: string[];
  /** Active keys no listed secret decrypts: production refuses to start on these. */
  undecryptable: string[];
  /** Outside production: the key that replaced the undecryptable ones. */
  replacedBy: string | null;
};

/**
 * At start-up (ASVS 13.3.4, rotation): every stored signing key that still signs or verifies is
 * decrypted with the listed JWT_KEYS_SECRET values and re-encrypted under the newest, so the old
 * secret can leave the list at the next deploy. An active key none of them decrypts would fail
 * every JWT sign-in: production reports it (the caller refuses to start, naming the variable);
 * elsewhere a new key replaces it and the old one keeps verifying the tokens it signed. A
 * retiring key no secret decrypts needs nothing: it never signs again.
 */
export async function reconcileSigningKeySecrets(now = new Date()): Promise<SigningKeySecretsReport> {
  const rows = await db.signingKey.findMany({
    where: { status: { in: ["active", "retiring"] }, privateKey: { not: null } },
    select: { kid: true, status: true, privateKey: true },
  });
  const report: SigningKeySecretsReport = { reencrypted: [], undecryptable: [], replacedBy: null };
  for (const row of rows) {
    const opened = decryptPrivateKey(row.privateKey!, row.kid);
    if (!opened) {
      if (row.status === "active") report.undecryptable.push(row.kid);
      continue;
    }
    if (opened.encryptedWithNewest) continue;
    // Conditional on the ciphertext read: another instance doing the same at once is harmless.
    const { count } = await db.signingKey.updateMany({
      where: { kid: row.kid, privateKey: row.privateKey },
      data: { privateKey: encryptPrivateKey(opened.plaintext, row.kid) },
    });
    if (count > 0) report.reencrypted.push(row.kid);
  }
  if (report.undecryptable.length > 0 && !env.isProduction) {
    report.replacedBy = (await rotateSigningKeys("undecryptable", now)).kid;
  }
  if (report.reencrypted.length > 0) markKeyCacheStale();
  return report;
}

/**
 * What start-up says about undecryptable keys: problems stop a production server (naming the
 * variable and the way out), a warning tells development what was replaced.
 */
export function describeUndecryptableKeys(report: SigningKeySecretsReport): {
  problems: string[];
  warnings: string[];
} {
  if (report.undecryptable.length === 0) return { problems: [], warnings: [] };
  if (report.replacedBy) {
    return {
      problems: [],
      warnings: [
        `JWT_KEYS_SECRET: signing key ${report.undecryptable.join(", ")} decrypts with none of the listed ` +
          "secrets (the secret changed, or .env.local was recreated beside a kept database); key " +
          `${report.replacedBy} now signs, and the old one verifies the tokens it signed until they expire`,
      ],
    };
  }
  return {
    problems: report.undecryptable.map((kid) => new UndecryptableSigningKeyError(kid).message),
    warnings: [],
  };
}
