import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { hasPassword } from "@/lib/auth/credentials";
import { fail, ok, type Result } from "@/lib/core/result";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/security/request";

export type LinkedProvider = { provider: string; scope: string | null; linkedAt: Date };

/** The providers linked to a user, oldest first (never their tokens). */
export async function listLinkedProviders(userId: string): Promise<LinkedProvider[]> {
  const rows = await db.account.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { provider: true, scope: true, createdAt: true },
  });
  return rows.map(({ createdAt, ...row }) => ({ ...row, linkedAt: createdAt }));
}

export type UnlinkRefusal = "not_linked" | "last_way_in";
export type UnlinkResult = Result<{ provider: string }, UnlinkRefusal>;

/** Unlinks a provider, unless it is the user's last way in (no password and no other provider). */
export async function unlinkUserProvider(
  userId: string,
  provider: string,
  context: RequestContext,
): Promise<UnlinkResult> {
  // Nothing to unlink: answered from a read, so a request naming a provider the user does not
  // have (or no real provider at all) writes nothing. The transaction checks again under the lock.
  if ((await db.account.count({ where: { userId, provider } })) === 0) return fail("not_linked");
  const result = await db.$transaction(async (tx): Promise<UnlinkResult> => {
    // Writing the user row first serialises concurrent unlinks for this user (a row lock on
    // Postgres, the write lock on SQLite), so two of them cannot each leave the other as "the last".
    await tx.user.update({ where: { id: userId }, data: { updatedAt: new Date() } });
    const [accounts, password] = await Promise.all([
      tx.account.findMany({ where: { userId }, select: { provider: true } }),
      hasPassword(userId, tx),
    ]);
    const matching = accounts.filter((account) => account.provider === provider).length;
    if (matching === 0) return fail("not_linked");
    if (accounts.length - matching + (password ? 1 : 0) < 1) return fail("last_way_in");
    await tx.account.deleteMany({ where: { userId, provider } });
    return ok({ provider });
  });
  if (result.ok) {
    await recordAuditEvent({
      type: "account.unlinked",
      mode: "oauth",
      userId,
      context,
      detail: { provider },
    });
  }
  return result;
}
