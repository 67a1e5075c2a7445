import { randomInt } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { generateToken, hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { TEST_PASSWORD, uniqueEmail } from "./test-data";

export { TEST_PASSWORD, uniqueEmail };

/** A user with a password credential, straight in the database. */
export async function createPasswordUser(
  overrides: { email?: string; password?: string; name?: string } = {},
) {
  const email = overrides.email ?? uniqueEmail();
  return db.user.create({
    data: {
      email,
      name: overrides.name ?? "Test User",
      password: { create: await hashPassword(overrides.password ?? TEST_PASSWORD) },
    },
  });
}

/**
 * A request context with a client network of its own (an IPv6 address in a random /64 of the
 * documentation prefix), so per-IP limits never couple two tests.
 */
export function testContext(label = "test") {
  const group = () => randomInt(0, 0x10000).toString(16);
  return { ipAddress: `2001:db8:${group()}:${group()}::${group()}`, userAgent: `vitest (${label})` };
}

/**
 * A session-mode sign-in for an existing password user (TEST_PASSWORD), as the service makes it,
 * with the `name=value` pair a browser would send back for its cookie.
 */
export async function signInSessionUser(user: { email: string }) {
  const { signInWithPassword } = await import("@/lib/session/service");
  const result = await signInWithPassword(
    { email: user.email, password: TEST_PASSWORD },
    testContext(),
    undefined,
  );
  if (!result.ok) throw new Error(`session sign-in failed: ${result.reason}`);
  const { cookie } = result.value;
  return { ...result.value, cookieHeader: `${cookie.name}=${cookie.value}` };
}

/**
 * An Auth.js database session row for a user, stored as authlab's adapter stores it (the token's
 * SHA-256): its session token (the cookie value), its id, and the `name=value` pair a browser
 * would send for it.
 */
export async function createOAuthSession(
  userId: string,
  options: { createdAt?: Date; expiresInMs?: number } = {},
): Promise<{ sessionToken: string; sessionId: string; cookieHeader: string }> {
  const { oauthSessionCookieName } = await import("@/lib/oauth/cookies");
  const sessionToken = generateToken();
  const row = await db.session.create({
    data: {
      sessionToken: hashToken(sessionToken),
      userId,
      createdAt: options.createdAt,
      expires: new Date(Date.now() + (options.expiresInMs ?? 60 * 60 * 1000)),
    },
  });
  return { sessionToken, sessionId: row.id, cookieHeader: `${oauthSessionCookieName()}=${sessionToken}` };
}
