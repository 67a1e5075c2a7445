import "server-only";
import { describeUndecryptableKeys, reconcileSigningKeySecrets } from "@/lib/jwt/keys/secrets";
import { logger } from "@/lib/log";
import { assertServingEnvironment, refuseToStart } from "@/lib/startup-check";

/** A production instance with missing or weak secrets stops here, naming the variables. */
export const assertValidEnvironment = assertServingEnvironment;

/**
 * What the secrets must still open, checked against the database (ASVS 13.3.4): stored signing
 * keys are re-encrypted under the newest JWT_KEYS_SECRET; an active key that none of the listed
 * secrets decrypts stops a production instance, naming JWT_KEYS_SECRET (elsewhere it is replaced,
 * with a warning). A database that cannot be reached yet is not a reason to stop: signing meets
 * the same check when it first needs the key.
 */
export async function checkStoredSecrets(): Promise<void> {
  let report;
  try {
    report = await reconcileSigningKeySecrets();
  } catch (error) {
    logger.warn("startup: stored signing keys not checked (database not reachable or not migrated)", {
      error,
    });
    return;
  }
  if (report.reencrypted.length > 0) {
    logger.info("jwt: signing keys re-encrypted under the newest JWT_KEYS_SECRET", {
      kids: report.reencrypted,
    });
  }
  const { problems, warnings } = describeUndecryptableKeys(report);
  for (const warning of warnings) logger.warn(warning);
  if (problems.length > 0) refuseToStart(problems.map((problem) => `  - ${problem}`).join("\n"));
}
