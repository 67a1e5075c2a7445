import "server-only";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "@auth/core/adapters";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/auth/email";
import { revokeCredential } from "@/lib/revocation";
import { oauthRequestContext } from "./request-context";
import { findOAuthSession } from "./session-read";

/** The Account columns we keep; providers may return more (e.g. `expires_in`), which Prisma would reject. */
export function accountRow(account: AdapterAccount): AdapterAccount {
  const row: AdapterAccount = {
    userId: account.userId,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
  };
  for (const key of [
    "refresh_token",
    "access_token",
    "expires_at",
    "token_type",
    "scope",
    "id_token",
    "session_state",
  ] as const) {
    const value = account[key];
    if (value !== undefined && value !== null)
      Object.assign(row, { [key]: key === "expires_at" ? Number(value) : String(value) });
  }
  return row;
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
    createSession(session: AdapterSession) {
      const row: AdapterSession & { provider: string | null } = {
        ...session,
        provider: callbackProvider(request),
      };
      return base.createSession!(row);
    },
    // Every auth() call reads this: one round trip for the session and its user (the stock
    // adapter's ORM call made two, plus a third here for the disabled check).
    async getSessionAndUser(sessionToken: string) {
      const found = await findOAuthSession(sessionToken);
      if (!found || found.user.disabledAt) return null;
      const { disabledAt: _disabled, ...user } = found.user;
      const { sessionToken: token, userId, expires } = found;
      return { session: { sessionToken: token, userId, expires }, user };
    },
    // Auth.js's own sign-out goes through the one revocation path (and its audit event).
    async deleteSession(sessionToken: string) {
      const session = await db.session.findUnique({ where: { sessionToken } });
      if (session) {
        const ref = { kind: "oauth_session", id: session.id, userId: session.userId } as const;
        await revokeCredential(ref, "signed_out", await oauthRequestContext(request));
      }
      return session;
    },
  };
}
