import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export const TEST_PASSWORD = "correct horse battery staple";

/** A unique, normalised email per call, so tests never share users. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID()}@example.test`;
}

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
