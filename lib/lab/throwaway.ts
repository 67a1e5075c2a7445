import "server-only";
import { randomBytes } from "node:crypto";
import { registerPasswordUser } from "@/lib/auth/credentials";
import type { IdentityUser } from "@/lib/core/identity";
import { type RateLimited, rateLimited } from "@/lib/core/result";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import type { RequestContext } from "@/lib/security/request";
import { deleteSessions } from "@/lib/session/store";

/** A user made for one run, with the password the run signs in with. */
export type ThrowawayUser = IdentityUser & { password: string };

/** Every lab user's address ends here (RFC 2606 reserves `.test`): never a real mailbox. */
export const THROWAWAY_EMAIL_DOMAIN = "lab.authlab.test";

/**
 * Creates the run's user through the real sign-up path (lib/auth/credentials.ts: Argon2id hash,
 * the sign-up rate limits, the audit event), so a run never touches the visitor's own account
 * and a public deployment cannot be made to create users faster than its sign-up form allows
 * (ASVS 2.4.1). Sign-up tells nobody whether it made a user (ASVS 6.3.8), so the row is read back
 * by its random address.
 */
export async function createThrowawayUser(
  context: RequestContext,
): Promise<{ ok: true; value: ThrowawayUser } | RateLimited> {
  const email = `lab-${randomBytes(8).toString("hex")}@${THROWAWAY_EMAIL_DOMAIN}`;
  const password = randomBytes(24).toString("base64url");
  const signedUp = await registerPasswordUser({ email, password, name: "Lab run" }, context, "session");
  if (!signedUp.ok) return signedUp;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, image: true },
  });
  // 64 random bits make a collision with an existing address practically impossible; if one
  // happened, the run must not borrow that account: it waits like a throttled sign-up.
  if (!user) return rateLimited(1);
  return { ok: true, value: { ...user, password } };
}

/**
 * Deletes the run's user and everything it held: the cascade takes its password, server
 * sessions, refresh families and tokens, Auth.js sessions and API keys; sessions kept in Redis
 * are deleted by id, and so are its deny-listed access tokens. Its audit events stay, detached (the audit log is append-only).
 */
export async function deleteThrowawayUser(user: ThrowawayUser, sessionIds: readonly string[]): Promise<void> {
  try {
    await deleteSessions(sessionIds);
    // Deny-list rows name their user but do not hang off it (they outlive users on purpose).
    await db.revokedAccessToken.deleteMany({ where: { userId: user.id } });
    await db.user.deleteMany({ where: { id: user.id } });
  } catch (error) {
    // Logged, not thrown: the run has answered; `npm run purge` removes expired leftovers.
    logger.error("lab: could not delete a throw-away user", { userId: user.id, error });
  }
}
