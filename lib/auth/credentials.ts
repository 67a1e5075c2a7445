import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db, type Prisma } from "@/lib/db";
import type { AuthMode, IdentityUser } from "@/lib/core/identity";
import { fail, ok, rateLimited, type RateLimited, type Result } from "@/lib/core/result";
import { type KeepCredential, revokeAllCredentials } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import { throttlePasswordCheck, throttleSignIn, throttleSignUp } from "./throttle";

/** The one message for every failed sign-in, whatever the reason (ASVS 6.3.8: no enumeration). */
export const INVALID_CREDENTIALS_MESSAGE = "The email or password is incorrect.";

export type PasswordSignInResult = Result<IdentityUser, "invalid_credentials"> | RateLimited;

/** What a sign-in form says for a failed password sign-in (the same for every mode). */
export function signInFailureMessage(failure: Exclude<PasswordSignInResult, { ok: true }>): string {
  return failure.reason === "rate_limited"
    ? `Too many attempts. Try again in ${failure.retryAfterSeconds} seconds.`
    : INVALID_CREDENTIALS_MESSAGE;
}

/**
 * What sign-up says on success, whether the address was new or already had an account (ASVS
 * 6.3.8: sign-up must not tell an attacker which addresses have accounts). Nobody is signed in.
 */
export const SIGN_UP_DONE_MESSAGE =
  "If this address is new, your account is ready: sign in with it. If it already has an account, sign in with that account's password.";

/** Sign-up's answer carries nothing that depends on the email: not even whether a user was made. */
export type SignUpResult = { ok: true } | RateLimited;

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
  // Counted before the Argon2 check, so parallel guesses cannot slip past a limit (ASVS 6.3.1).
  const throttle = await throttleSignIn(input.email, context);
  if (!throttle.allowed) {
    await recordAuditEvent({
      type: "sign_in.rate_limited",
      mode,
      context,
      detail: { email: input.email, scope: throttle.scope },
    });
    return rateLimited(throttle.retryAfterSeconds);
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

  await throttle.succeeded();
  if (user.password && needsRehash(user.password)) {
    // ASVS 6.2.x: upgrade hashes made with weaker parameters while the plaintext is at hand.
    await db.passwordCredential.update({
      where: { userId: user.id },
      data: await hashPassword(input.password),
    });
  }
  return ok({ id: user.id, email: user.email, name: user.name, image: user.image });
}

/**
 * Creates a user with a password credential, or finds the address taken, and answers the same
 * either way (ASVS 6.3.8): one Argon2 hash and one insert attempt on both paths, nobody signed
 * in. The unique index decides (also between two racing sign-ups); an attempt on a taken address
 * is audited on that account's timeline, where its owner sees it. `email` must be normalised.
 */
export async function registerPasswordUser(
  input: { email: string; password: string; name?: string | null },
  context: RequestContext,
  mode: Extract<AuthMode, "session" | "jwt">,
): Promise<SignUpResult> {
  const throttled = await throttleSignUp(context);
  if (throttled) return rateLimited(throttled.retryAfterSeconds);

  const password = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name || null, password: { create: password } },
      select: { id: true },
    });
    await recordAuditEvent({ type: "user.signed_up", mode, userId: user.id, context });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const owner = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
    await recordAuditEvent({ type: "user.sign_up_existing", mode, userId: owner?.id ?? null, context });
  }
  return { ok: true };
}

export type PasswordConfirmation = Result<true, "wrong_password" | "no_password"> | RateLimited;

/**
 * Checks a signed-in user's password again (a password change, sudo mode): throttled per user, so
 * a stolen session is not an unlimited password oracle, one Argon2 verification on every path (a
 * dummy one when there is no password, ASVS 6.3.8), and a wrong one audited.
 */
export async function confirmPassword(
  userId: string,
  password: string,
  context: RequestContext,
  mode: AuthMode,
  purpose: "password_change" | "step_up",
): Promise<PasswordConfirmation> {
  const throttle = await throttlePasswordCheck(userId);
  if (!throttle.allowed) return rateLimited(throttle.retryAfterSeconds);
  const credential = await db.passwordCredential.findUnique({ where: { userId } });
  const valid = credential
    ? await verifyPassword(credential.hash, password)
    : await verifyAgainstDummy(password);
  if (!credential) return fail("no_password");
  if (!valid) {
    await recordAuditEvent({ type: "sign_in.failed", mode, userId, context, detail: { reason: purpose } });
    return fail("wrong_password");
  }
  await throttle.succeeded();
  return ok(true);
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
  const confirmed = await confirmPassword(userId, input.currentPassword, context, mode, "password_change");
  if (!confirmed.ok) return confirmed;
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
