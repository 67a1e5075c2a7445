import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import {
  changeUserPassword,
  type ChangePasswordResult,
  type PasswordSignInResult,
  verifyPasswordSignIn,
} from "@/lib/auth/credentials";
import { env } from "@/lib/env";
import type { CredentialSource, IdentityUser } from "@/lib/core/identity";
import { ok } from "@/lib/core/result";
import { type CredentialRef, revokeCredential } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import type { Cookie } from "@/lib/http/cookies";
import { sealSessionToken, sessionCookieName, sessionCookieWith, unsealSessionToken } from "./cookie";
import { createSession, findSessionByToken, type ServerSessionRecord } from "./store";

/** `cookie` is for the caller to set (server action: cookies(); route handler: the response). */
export type StartedSession = { user: IdentityUser; session: ServerSessionRecord; cookie: Cookie };

/** The server session a session cookie names, as revocation takes it (none for a bad cookie). */
async function sessionOfCookie(cookie: string | undefined): Promise<CredentialRef[]> {
  const token = await unsealSessionToken(cookie);
  const row = token ? await findSessionByToken(token) : null;
  return row ? [{ kind: "server_session", id: row.id, userId: row.userId }] : [];
}

/** What this browser holds of session mode, for ending its whole sign-in (lib/revocation). */
export async function sessionCredentialsHeld(source: CredentialSource): Promise<CredentialRef[]> {
  return sessionOfCookie(source.cookie(sessionCookieName()));
}

/**
 * Starts a session for a user who just proved who they are. Whatever session the browser had
 * is revoked first, so a planted cookie never becomes an authenticated one (ASVS 7.2.4).
 */
async function startSession(
  user: IdentityUser,
  context: RequestContext,
  previousCookie: string | undefined,
): Promise<StartedSession> {
  for (const previous of await sessionOfCookie(previousCookie)) {
    await revokeCredential(previous, "replaced_by_sign_in", context);
  }
  const { token, session } = await createSession(user, context);
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
  { ok: true; value: StartedSession } | Exclude<PasswordSignInResult, { ok: true }>;

export async function signInWithPassword(
  input: { email: string; password: string },
  context: RequestContext,
  previousCookie: string | undefined,
): Promise<SessionSignInResult> {
  const result = await verifyPasswordSignIn(input, context, "session");
  if (!result.ok) return result;
  return ok(await startSession(result.value, context, previousCookie));
}

/**
 * Changes the password and ends every other credential the user holds, in every mode, keeping
 * only the session that made the change (ASVS 7.4.3).
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | undefined,
  input: { currentPassword: string; newPassword: string },
  context: RequestContext,
): Promise<ChangePasswordResult> {
  return changeUserPassword(userId, input, context, "session", { serverSessionId: currentSessionId });
}
