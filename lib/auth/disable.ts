import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db, type Prisma } from "@/lib/db";
import { revokeAllCredentials } from "@/lib/revocation";

/**
 * Disables an account: every mode refuses it from now on (session and OAuth reads check
 * `disabledAt`; JWT refresh is refused, and access tokens at once when the deny-list is on, else
 * within their short lifetime) and all of its credentials, API keys included, are revoked. Null for an unknown email.
 */
export async function setUserDisabled(
  email: string,
  disabled: boolean,
): Promise<{ userId: string; revoked: number } | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const flag = (tx: typeof db | Prisma.TransactionClient) =>
    tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
  // Disabling commits with the revocation or not at all (a store down leaves the account as it was).
  let revoked = 0;
  if (disabled) {
    revoked = (
      await revokeAllCredentials(user.id, "user_disabled", {
        alongside: flag,
        includeApiKeys: true,
      })
    ).ended.length;
  } else {
    await flag(db);
  }
  await recordAuditEvent({
    type: disabled ? "user.disabled" : "user.enabled",
    userId: user.id,
    detail: { revoked, by: "cli" },
  });
  return { userId: user.id, revoked };
}
