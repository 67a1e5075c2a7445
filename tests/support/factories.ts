import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
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

/** A request context with an IP of its own, so per-IP limits never couple two tests. */
export function testContext(label = "test") {
  return { ipAddress: `ip-${label}-${randomUUID()}`, userAgent: "vitest" };
}

/** A session-mode sign-in for an existing password user (TEST_PASSWORD), as the service makes it. */
export async function signInSessionUser(user: { email: string }) {
  const { signInWithPassword } = await import("@/lib/session/service");
  const result = await signInWithPassword(
    { email: user.email, password: TEST_PASSWORD },
    testContext(),
    undefined,
  );
  if (!result.ok) throw new Error(`session sign-in failed: ${result.code}`);
  return result.started;
}

/** An Auth.js database session row for a user; returns its session token (the cookie value). */
export async function createOAuthSession(userId: string, expiresInMs = 60 * 60 * 1000): Promise<string> {
  const sessionToken = randomUUID();
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + expiresInMs) } });
  return sessionToken;
}
