import "server-only";
import type { CredentialSource } from "@/lib/core/identity";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { type CredentialRef, type EndedCredential, revokeSignIn } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { oauthSessionCookieName } from "./cookies";
import { MAX_SESSION_TOKEN_LENGTH } from "./session-read";

/** The Auth.js session a session token names, as revocation takes it (none when unknown). */
export async function oauthSessionOfToken(token: string | undefined): Promise<CredentialRef[]> {
  if (!token || token.length > MAX_SESSION_TOKEN_LENGTH) return [];
  const row = await db.session.findUnique({
    where: { sessionToken: hashToken(token) },
    select: { id: true, userId: true },
  });
  return row ? [{ kind: "oauth_session", id: row.id, userId: row.userId }] : [];
}

/** What this browser holds of OAuth mode (its Auth.js cookie), for ending its whole sign-in. */
export async function oauthCredentialsHeld(source: CredentialSource): Promise<CredentialRef[]> {
  return oauthSessionOfToken(source.cookie(oauthSessionCookieName()));
}

/**
 * Ends the Auth.js session this browser holds, through lib/revocation, before Auth.js clears its
 * cookie. Auth.js's own sign-out swallows adapter errors and clears the cookie anyway, so with
 * the store down it would report "signed out" while the row stays live (ASVS 7.4.1); here a
 * store outage throws and nothing is cleared.
 */
export async function endOAuthSession(
  source: CredentialSource,
  context: RequestContext,
): Promise<EndedCredential[]> {
  return revokeSignIn(await oauthCredentialsHeld(source), "signed_out", context);
}

export type OAuthSessionView = {
  id: string;
  /** The provider that signed this session in (null for sessions from before it was recorded). */
  provider: string | null;
  createdAt: Date;
  /** Auth.js writes the row when it extends the session (at most once per updateAge). */
  lastSeenAt: Date;
  expiresAt: Date;
};

/** A user's live Auth.js sessions, newest activity first (never the session token). */
export async function listUserOAuthSessions(userId: string, now = new Date()): Promise<OAuthSessionView[]> {
  const rows = await db.session.findMany({
    where: { userId, expires: { gt: now } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, provider: true, createdAt: true, updatedAt: true, expires: true },
  });
  return rows.map(({ updatedAt, expires, ...row }) => ({
    ...row,
    lastSeenAt: updatedAt,
    expiresAt: expires,
  }));
}
