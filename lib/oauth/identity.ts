import "server-only";
import type { CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { oauthSessionCookieName } from "./cookies";
import { findOAuthSessionWithAccounts } from "./session-read";

/** A linked provider account as the dashboard shows it (authlab keeps none of its tokens). */
export type LinkedAccount = {
  provider: string;
  type: string;
  scopes: string[];
  linkedAt: Date;
};

export type OAuthCredential = {
  /** The Auth.js cookie that carried the session token. */
  cookieName: string;
  /** Bytes the browser sends for this cookie (`name=value`). */
  cookieBytes: number;
  /** The session token as the browser holds it (opaque; the row is keyed by its SHA-256). */
  sessionToken: string;
  sessionId: string;
  sessionCreatedAt: Date;
  sessionExpiresAt: Date;
  accounts: LinkedAccount[];
};

/**
 * OAuth mode's contribution to getIdentity(): the Auth.js database session named by the cookie,
 * if it exists, has not expired and belongs to a user who is not disabled.
 */
export async function readOAuthIdentity(
  source: CredentialSource,
): Promise<ModeIdentity<"oauth", OAuthCredential> | null> {
  const cookieName = oauthSessionCookieName();
  const token = source.cookie(cookieName);
  // One round trip: the session, its user and the user's linked accounts.
  const session = await findOAuthSessionWithAccounts(token);
  if (!token || !session || session.expires <= new Date() || session.user.disabledAt) return null;
  const { user } = session;
  return {
    mode: "oauth",
    user: { id: user.id, email: user.email, name: user.name, image: user.image },
    credential: {
      cookieName,
      cookieBytes: Buffer.byteLength(`${cookieName}=${token}`),
      sessionToken: token,
      sessionId: session.id,
      sessionCreatedAt: session.createdAt,
      sessionExpiresAt: session.expires,
      accounts: session.accounts.map((account) => ({
        provider: account.provider,
        type: account.type,
        scopes: account.scope ? account.scope.split(/[\s,]+/).filter(Boolean) : [],
        linkedAt: account.linkedAt,
      })),
    },
  };
}
