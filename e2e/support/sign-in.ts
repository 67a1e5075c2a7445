// Signed-in browser contexts for each mode, made without driving any form: the app's own JSON
// APIs where it has one, otherwise the rows and cookie Auth.js would have written. Requests go
// through `context.request`, so they carry the context's headers (its own client IP) and
// cookie jar.
import { randomUUID } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import {
  JWT_ACCESS_COOKIE,
  JWT_REFRESH_COOKIE,
  JWT_REFRESH_PATH,
  OAUTH_SESSION_COOKIE,
  SESSION_COOKIE,
} from "./cookies";
import { dateColumn, query, storedTokenHash } from "./db";
import { E2E_BASE_URL } from "./server-config";
import { rowId, type E2EUser } from "./users";

const host = new URL(E2E_BASE_URL).hostname;
const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Auth.js's default database-session lifetime (AUTH_SESSION_MAX_AGE is not set for e2e). */
const OAUTH_SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

async function expectCookie(context: BrowserContext, name: string, mode: string): Promise<void> {
  const cookies = await context.cookies(E2E_BASE_URL);
  if (!cookies.some((cookie) => cookie.name === name)) {
    throw new Error(`${mode} sign-in: the context holds no ${name} cookie`);
  }
}

/**
 * Session mode: POST /api/session/sign-in, whose Set-Cookie lands in the context's jar exactly
 * as the app wrote it. Same-origin, as the app's CSRF gate requires (ASVS 3.5.x).
 */
export async function signInWithSession(
  context: BrowserContext,
  user: E2EUser,
): Promise<{ sessionId: string }> {
  const response = await context.request.post("/api/session/sign-in", {
    data: { email: user.email, password: user.password },
    headers: { origin: E2E_BASE_URL },
  });
  if (!response.ok()) throw new Error(`session sign-in: ${response.status()}`);
  await expectCookie(context, SESSION_COOKIE, "session");
  const body = (await response.json()) as { session: { id: string } };
  return { sessionId: body.session.id };
}

/**
 * JWT mode: POST /api/jwt/token (the Bearer client's door), then both tokens as the cookies the
 * browser sign-in sets (lib/jwt/cookies.ts): both HttpOnly and Secure and living as long as the
 * refresh token; the access cookie Lax on every path, the refresh cookie Strict on the refresh
 * endpoint only.
 */
export async function signInWithJwt(
  context: BrowserContext,
  user: E2EUser,
): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await context.request.post("/api/jwt/token", {
    data: { email: user.email, password: user.password },
  });
  if (!response.ok()) throw new Error(`JWT sign-in: ${response.status()}`);
  const tokens = (await response.json()) as { access_token: string; refresh_token: string };
  // Only the token's SHA-256 is stored (lib/crypto/tokens.ts): that is how to find its expiry.
  const [row] = await query<{ expiresAt: unknown }>(
    `SELECT "expiresAt" FROM "refresh_tokens" WHERE "tokenHash" = ?`,
    [storedTokenHash(tokens.refresh_token)],
  );
  if (!row) throw new Error("JWT sign-in: the refresh token has no row");
  const expires = unixSeconds(dateColumn(row.expiresAt));
  const common = { domain: host, httpOnly: true, secure: false, expires } as const;
  await context.addCookies([
    { ...common, name: JWT_ACCESS_COOKIE, value: tokens.access_token, path: "/", sameSite: "Lax" },
    {
      ...common,
      name: JWT_REFRESH_COOKIE,
      value: tokens.refresh_token,
      path: JWT_REFRESH_PATH,
      sameSite: "Strict",
    },
  ]);
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/**
 * OAuth mode: an Auth.js database session as authlab's adapter stores it (an `auth_sessions` row
 * keyed by the SHA-256 of the opaque token) and the cookie Auth.js sets for it (the token). No
 * provider is involved, so the user has no linked account unless the test adds one.
 */
export async function signInWithOAuth(
  context: BrowserContext,
  user: Pick<E2EUser, "id">,
): Promise<{ sessionToken: string }> {
  const sessionToken = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + OAUTH_SESSION_MAX_AGE_MS);
  await query(
    `INSERT INTO "auth_sessions" ("id", "sessionToken", "userId", "expires", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?)`,
    [rowId(), storedTokenHash(sessionToken), user.id, expiresAt, now, now],
  );
  await context.addCookies([
    {
      name: OAUTH_SESSION_COOKIE,
      value: sessionToken,
      domain: host,
      path: "/",
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
      expires: unixSeconds(expiresAt),
    },
  ]);
  return { sessionToken };
}
