import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db, type Prisma } from "@/lib/db";
import type { AuthMode, IdentityUser } from "@/lib/core/identity";
import { fail, ok, rateLimited, type RateLimited, type Result } from "@/lib/core/result";
import { type KeepCredential, revokeAllCredentials } from "@/lib/revocation";
import { RATE_LIMITS, hitRateLimit, resetRateLimit } from "@/lib/security/rate-limit";
import type { RequestContext } from "@/lib/security/request";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";

/** The one message for every failed sign-in, whatever the reason (ASVS 6.3.8: no enumeration). */
export const INVALID_CREDENTIALS_MESSAGE = "The email or password is incorrect.";

export type PasswordSignInResult = Result<IdentityUser, "invalid_credentials"> | RateLimited;

/** What a sign-in form says for a failed password sign-in (the same for every mode). */
export function signInFailureMessage(failure: Exclude<PasswordSignInResult, { ok: true }>): string {
  return failure.reason === "rate_limited"
    ? `Too many attempts. Try again in ${failure.retryAfterSeconds} seconds.`
    : INVALID_CREDENTIALS_MESSAGE;
}

export type SignUpResult = Result<IdentityUser, "email_taken"> | RateLimited;

const userFields = { id: true, email: true, name: true, image: true } as const;

/**
 * Checks an email and password for session or JWT mode: throttled per IP and per account, the
 * same answer and the same Argon2 cost for an unknown email, a wrong password and a disabled
 * account, rehash when the stored parameters are below today's, and every outcome audited.
 * `email` must already be normalised (emailSchema).
 */
export async function verifyPasswordSignIn(
  input: { email: string; password: string },
  context: RequestContext,
  mode: Extract<AuthMode, "session" | "jwt">,
): Promise<PasswordSignInResult> {
  const ip = context.ipAddress ?? "unknown";
  const accountKey = `${input.email}|${ip}`;
  const perIp = await hitRateLimit(RATE_LIMITS.signInPerIp, ip);
  // Counted before the Argon2 check, so parallel guesses cannot slip past the limit.
  const perAccount = perIp.allowed ? await hitRateLimit(RATE_LIMITS.signInPerAccount, accountKey) : perIp;
  if (!perAccount.allowed) {
    await recordAuditEvent({
      type: "sign_in.rate_limited",
      mode,
      context,
      detail: { email: input.email, scope: perIp.allowed ? "account" : "ip" },
    });
    return rateLimited(perAccount.retryAfterSeconds);
  }

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { ...userFields, disabledAt: true, password: true },
  });
  const valid = user?.password
    ? await verifyPassword(user.password.hash, input.password)
    : await verifyAgainstDummy(input.password);

  if (!user || !valid || user.disabledAt) {
    const reason = !user ? "unknown_email" : !valid ? "wrong_password" : "disabled";
    await recordAuditEvent({
      type: "sign_in.failed",
      mode,
      userId: user?.id ?? null,
      context,
      detail: { email: input.email, reason },
    });
    return fail("invalid_credentials");
  }

  await resetRateLimit(RATE_LIMITS.signInPerAccount, accountKey);
  if (user.password && needsRehash(user.password)) {
    // ASVS 6.2.x: upgrade hashes made with weaker parameters while the plaintext is at hand.
    await db.passwordCredential.update({
      where: { userId: user.id },
      data: await hashPassword(input.password),
    });
  }
  return ok({ id: user.id, email: user.email, name: user.name, image: user.image });
}

/** Creates a user with a password credential. `email` must already be normalised. */
export async function registerPasswordUser(
  input: { email: string; password: string; name?: string | null },
  context: RequestContext,
  mode: Extract<AuthMode, "session" | "jwt">,
): Promise<SignUpResult> {
  const limit = await hitRateLimit(RATE_LIMITS.signUpPerIp, context.ipAddress ?? "unknown");
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);

  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return fail("email_taken");

  const password = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name || null, password: { create: password } },
      select: userFields,
    });
    await recordAuditEvent({ type: "user.signed_up", mode, userId: user.id, context });
    return ok(user);
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) return fail("email_taken");
    throw error;
  }
}

export type ChangePasswordResult =
  Result<{ revoked: number }, "wrong_password" | "no_password"> | RateLimited;

/**
 * Replaces a user's password after checking the current one and, in the same transaction, ends
 * every other credential of the user in every mode except `keep` (ASVS 7.4.3): either both
 * happen or neither does, so a store that fails midway never leaves a new password with the old
 * sessions alive.
 */
export async function changeUserPassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  context: RequestContext,
  mode: AuthMode,
  keep: KeepCredential = {},
): Promise<ChangePasswordResult> {
  const credential = await db.passwordCredential.findUnique({ where: { userId } });
  if (!credential) return fail("no_password");
  // A stolen session must not become an unlimited password oracle.
  const limit = await hitRateLimit(RATE_LIMITS.signInPerAccount, `password-change|${userId}`);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  if (!(await verifyPassword(credential.hash, input.currentPassword))) {
    await recordAuditEvent({
      type: "sign_in.failed",
      mode,
      userId,
      context,
      detail: { reason: "password_change" },
    });
    return fail("wrong_password");
  }
  await resetRateLimit(RATE_LIMITS.signInPerAccount, `password-change|${userId}`);
  const hash = await hashPassword(input.newPassword);
  const { ended } = await revokeAllCredentials(userId, "password_changed", {
    context,
    keep,
    alongside: (tx) => tx.passwordCredential.update({ where: { userId }, data: hash }),
  });
  await recordAuditEvent({ type: "user.password_changed", mode, userId, context });
  return ok({ revoked: ended.length });
}

/**
 * Whether the user can sign in with a password. `store` lets a caller ask inside its own
 * transaction (unlinking a provider must not remove the last way in).
 */
export async function hasPassword(
  userId: string,
  store: Pick<Prisma.TransactionClient, "passwordCredential"> = db,
): Promise<boolean> {
  const credential = await store.passwordCredential.findUnique({
    where: { userId },
    select: { userId: true },
  });
  return credential !== null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
