import "server-only";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "@auth/core/adapters";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextRequest } from "next/server";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/auth/email";
import { revokeCredential } from "@/lib/revocation";
import { oauthRequestContext } from "./request-context";
import { findOAuthSession } from "./session-read";

/**
 * The Account columns we keep: who the provider account is, and the scopes it granted (shown on
 * Connections). The provider's access, refresh and ID tokens (and their expiry, type and OIDC
 * session state) are dropped: nothing in authlab calls a provider's API after sign-in, so keeping
 * them would only hand a database copy live credentials at the provider (ASVS 5.0 10.1.1: tokens
 * only where needed; 14.2.7: data not needed is not kept). Providers may also return more.
 */
export function accountRow(account: AdapterAccount): AdapterAccount {
  return {
    userId: account.userId,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    ...(typeof account.scope === "string" ? { scope: account.scope } : {}),
  };
}

/** Auth.js creates a session only on a provider's callback, `/api/auth/callback/<provider>`. */
const CALLBACK_PATH = /^\/api\/auth\/callback\/([A-Za-z0-9_-]{1,32})$/;

function callbackProvider(request: NextRequest | undefined): string | null {
  return request ? (CALLBACK_PATH.exec(request.nextUrl.pathname)?.[1] ?? null) : null;
}

/**
 * @auth/prisma-adapter over the project's one Prisma client, with these changes:
 * - emails are stored and looked up normalised, exactly as for password accounts, so one person is
 *   one `User` whichever way they arrive (and the "already used" check cannot be dodged by case);
 * - the session token is stored as its SHA-256 digest, like every other credential here: Auth.js
 *   hands the adapter the cookie's raw token, and gets the raw token back in every session this
 *   returns (Auth.js writes `session.sessionToken` into the cookie), never the digest;
 * - a disabled user's session reads as no session (every mode refuses a disabled user), read in
 *   one round trip;
 * - a new session records the provider that signed it in, for the sessions page;
 * - sign-out of an already-deleted session is not an error.
 */
export function createOAuthAdapter(request?: NextRequest): Adapter {
  // The generated client has the same model API as @prisma/client's type the adapter expects.
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    createUser: (user: AdapterUser) => base.createUser!({ ...user, email: normalizeEmail(user.email) }),
    getUserByEmail: (email: string) => base.getUserByEmail!(normalizeEmail(email)),
    updateUser: (user) =>
      base.updateUser!(user.email ? { ...user, email: normalizeEmail(user.email) } : user),
    linkAccount: (account: AdapterAccount) => base.linkAccount!(accountRow(account)),
    // ASVS 7.2.3: the row keeps only the digest, so a database copy yields no usable cookie.
    async createSession({ sessionToken, userId, expires }: AdapterSession) {
      const row = await db.session.create({
        data: { sessionToken: hashToken(sessionToken), userId, expires, provider: callbackProvider(request) },
        select: { userId: true, expires: true },
      });
      return { ...row, sessionToken };
    },
    // Every auth() call reads this: one round trip for the session and its user (the stock
    // adapter's ORM call made two, plus a third here for the disabled check).
    async getSessionAndUser(sessionToken: string) {
      const found = await findOAuthSession(sessionToken);
      if (!found || found.user.disabledAt) return null;
      const { disabledAt: _disabled, ...user } = found.user;
      return { session: { sessionToken, userId: found.userId, expires: found.expires }, user };
    },
    // Auth.js slides `expires` at most once per updateAge. A row deleted meanwhile (signed out
    // elsewhere) updates nothing and reads as no session.
    async updateSession({ sessionToken, expires }) {
      if (!expires) return null;
      const where = { sessionToken: hashToken(sessionToken) };
      const { count } = await db.session.updateMany({ where, data: { expires } });
      if (count === 0) return null;
      const row = await db.session.findUnique({ where, select: { userId: true, expires: true } });
      return row ? { ...row, sessionToken } : null;
    },
    // Auth.js's own sign-out goes through the one revocation path (and its audit event).
    async deleteSession(sessionToken: string) {
      const session = await db.session.findUnique({ where: { sessionToken: hashToken(sessionToken) } });
      if (!session) return null;
      const ref = { kind: "oauth_session", id: session.id, userId: session.userId } as const;
      await revokeCredential(ref, "signed_out", await oauthRequestContext(request));
      return { ...session, sessionToken };
    },
  };
}
