import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import {
  changeUserPassword,
  type PasswordSignInResult,
  registerPasswordUser,
  verifyPasswordSignIn,
} from "@/lib/auth/credentials";
import { revokeUserCredentials } from "@/lib/auth/revocation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { IdentityUser } from "@/lib/core/identity";
import type { RequestContext } from "@/lib/security/request";
import type { Cookie } from "@/lib/http/cookies";
import { sealSessionToken, sessionCookieWith, unsealSessionToken } from "./cookie";
import { createSession, deleteSessionByToken, revokeUserSession, type ServerSessionRecord } from "./store";

/** `cookie` is for the caller to set (server action: cookies(); route handler: the response). */
export type StartedSession = { user: IdentityUser; session: ServerSessionRecord; cookie: Cookie };

/**
 * Starts a session for a user who just proved who they are. Whatever session the browser had
 * is deleted first, so a planted cookie never becomes an authenticated one (ASVS 7.2.4).
 */
async function startSession(
  user: IdentityUser,
  context: RequestContext,
  previousCookie: string | undefined,
): Promise<StartedSession> {
  const previousToken = await unsealSessionToken(previousCookie);
  if (previousToken) await deleteSessionByToken(previousToken);
  const { token, session } = await createSession(user.id, context);
  const ttl = env.SESSION_ABSOLUTE_TIMEOUT;
  // The seal outlives the cookie by a minute (iron-session's rule), the server row decides.
  const value = await sealSessionToken(token, ttl + 60);
  await recordAuditEvent({
    type: "sign_in.succeeded",
    mode: "session",
    userId: user.id,
    context,
    detail: { sessionId: session.id },
  });
  return {
    user,
    session,
    cookie: sessionCookieWith(value, ttl),
  };
}

export type SessionSignInResult =
  { ok: true; started: StartedSession } | Exclude<PasswordSignInResult, { ok: true }>;

export async function signInWithPassword(
  input: { email: string; password: string },
  context: RequestContext,
  previousCookie: string | undefined,
): Promise<SessionSignInResult> {
  const result = await verifyPasswordSignIn(input, context, "session");
  if (!result.ok) return result;
  return { ok: true, started: await startSession(result.user, context, previousCookie) };
}

export type SessionSignUpResult =
  | { ok: true; started: StartedSession }
  | { ok: false; code: "email_taken" }
  | { ok: false; code: "rate_limited"; retryAfterSeconds: number };

export async function signUpWithPassword(
  input: { email: string; password: string; name?: string | null },
  context: RequestContext,
  previousCookie: string | undefined,
): Promise<SessionSignUpResult> {
  const result = await registerPasswordUser(input, context, "session");
  if (!result.ok) return result;
  return { ok: true, started: await startSession(result.user, context, previousCookie) };
}

/** Deletes the server session behind a cookie (if any) and audits it. */
export async function signOut(cookie: string | undefined, context: RequestContext): Promise<void> {
  const token = await unsealSessionToken(cookie);
  const deleted = token ? await deleteSessionByToken(token) : null;
  if (deleted) {
    await recordAuditEvent({
      type: "sign_out",
      mode: "session",
      userId: deleted.userId,
      context,
      detail: { sessionId: deleted.id },
    });
  }
}

/** Revokes one of the user's sessions (from the sessions page or another device). */
export async function revokeSession(
  userId: string,
  sessionId: string,
  context: RequestContext,
): Promise<boolean> {
  const revoked = await revokeUserSession(userId, sessionId, "revoked_by_user");
  if (revoked) {
    await recordAuditEvent({
      type: "session.revoked",
      mode: "session",
      userId,
      context,
      detail: { sessionId },
    });
  }
  return revoked;
}

/** Signs the user out of every session-mode session, this one included. */
export async function signOutEverywhere(userId: string, context: RequestContext): Promise<number> {
  const result = await db.serverSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "signed_out_everywhere" },
  });
  await recordAuditEvent({
    type: "session.revoked_all",
    mode: "session",
    userId,
    context,
    detail: { sessions: result.count },
  });
  return result.count;
}

export type ChangePasswordOutcome =
  { ok: true; revoked: number } | Exclude<Awaited<ReturnType<typeof changeUserPassword>>, { ok: true }>;

/**
 * Changes the password and ends every other credential the user holds, in every mode, keeping
 * only the session that made the change (ASVS 7.4.3).
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | undefined,
  input: { currentPassword: string; newPassword: string },
  context: RequestContext,
): Promise<ChangePasswordOutcome> {
  const result = await changeUserPassword(userId, input, context, "session");
  if (!result.ok) return result;
  const revoked = await revokeUserCredentials(userId, "password_changed", {
    serverSessionId: currentSessionId,
  });
  return { ok: true, revoked: revoked.sessions + revoked.tokenFamilies + revoked.oauthSessions };
}
