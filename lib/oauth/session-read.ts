import "server-only";
import { hashToken } from "@/lib/crypto/tokens";
import { readRows, requiredDate, type Row, textOrNull, toDate } from "@/lib/db";
import { env } from "@/lib/env";

// OAuth mode's per-request reads, each one round trip through the driver's prepared statement
// (lib/db/driver.ts): the Auth.js session row with its user (and, for the identity reader, the
// user's linked accounts) by session token. The same SQL runs on both engines. The row keeps the
// token's SHA-256 (lib/oauth/adapter.ts), so every lookup hashes the cookie's value first.

/** Auth.js session tokens are short; anything far longer is refused unread. */
export const MAX_SESSION_TOKEN_LENGTH = 512;

export type OAuthSessionRow = {
  id: string;
  userId: string;
  expires: Date;
  createdAt: Date;
  user: {
    id: string;
    email: string;
    emailVerified: Date | null;
    name: string | null;
    image: string | null;
    disabledAt: Date | null;
  };
};

/** A linked account: who it is and what it granted (provider tokens are not kept at all). */
export type AccountSummary = {
  provider: string;
  type: string;
  scope: string | null;
  linkedAt: Date;
};

const SESSION_COLUMNS = `
  s."id", s."userId", s."expires", s."createdAt",
  u."email", u."emailVerified", u."name", u."image", u."disabledAt"`;

const FIND_SESSION = `
  SELECT ${SESSION_COLUMNS}
  FROM "auth_sessions" s JOIN "users" u ON u."id" = s."userId"
  WHERE s."sessionToken" = ?`;

// One row per linked account (one row of NULLs without any).
const FIND_SESSION_WITH_ACCOUNTS = `
  SELECT ${SESSION_COLUMNS},
         a."provider", a."type", a."scope", a."createdAt" AS "linkedAt"
  FROM "auth_sessions" s JOIN "users" u ON u."id" = s."userId"
  LEFT JOIN "accounts" a ON a."userId" = u."id"
  WHERE s."sessionToken" = ?
  ORDER BY a."createdAt"`;

/**
 * When a session really ends: Auth.js slides `expires` on use (updateAge), so it is capped at
 * sign-in + AUTH_SESSION_ABSOLUTE_TIMEOUT (ASVS 5.0 7.3.2). Every reader (the identity reader,
 * and Auth.js through the adapter, which then deletes the row and clears the cookie) sees this.
 */
function effectiveExpiry(expires: Date, createdAt: Date): Date {
  const absolute = createdAt.getTime() + env.AUTH_SESSION_ABSOLUTE_TIMEOUT * 1000;
  return new Date(Math.min(expires.getTime(), absolute));
}

function sessionRow(row: Row): OAuthSessionRow {
  const userId = String(row.userId);
  const createdAt = requiredDate(row.createdAt);
  return {
    id: String(row.id),
    userId,
    expires: effectiveExpiry(requiredDate(row.expires), createdAt),
    createdAt,
    user: {
      id: userId,
      email: String(row.email),
      emailVerified: toDate(row.emailVerified),
      name: textOrNull(row.name),
      image: textOrNull(row.image),
      disabledAt: toDate(row.disabledAt),
    },
  };
}

function plausible(token: string | undefined | null): token is string {
  return Boolean(token) && token!.length <= MAX_SESSION_TOKEN_LENGTH;
}

/** The Auth.js session a token names, with its user; null when unknown (expiry not checked). */
export async function findOAuthSession(token: string | undefined | null): Promise<OAuthSessionRow | null> {
  if (!plausible(token)) return null;
  const [row] = await readRows(FIND_SESSION, [hashToken(token)]);
  return row ? sessionRow(row) : null;
}

/** The same with the user's linked accounts, oldest first, still one round trip. */
export async function findOAuthSessionWithAccounts(
  token: string | undefined | null,
): Promise<(OAuthSessionRow & { accounts: AccountSummary[] }) | null> {
  if (!plausible(token)) return null;
  const rows = await readRows(FIND_SESSION_WITH_ACCOUNTS, [hashToken(token)]);
  const [first] = rows;
  if (!first) return null;
  const accounts = rows
    .filter((row) => row.provider !== null && row.provider !== undefined)
    .map((row) => ({
      provider: String(row.provider),
      type: String(row.type),
      scope: textOrNull(row.scope),
      linkedAt: requiredDate(row.linkedAt),
    }));
  return { ...sessionRow(first), accounts };
}
