import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
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
  await db.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
  const revoked = disabled
    ? (await revokeAllCredentials(user.id, "user_disabled", { includeApiKeys: true })).ended.length
    : 0;
  await recordAuditEvent({
    type: disabled ? "user.disabled" : "user.enabled",
    userId: user.id,
    detail: { revoked, by: "cli" },
  });
  return { userId: user.id, revoked };
}
