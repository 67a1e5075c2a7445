// People for e2e tests, made straight in the database: there is no sign-up JSON API, and driving
// the sign-up form is what e2e/session.spec.ts tests, not what every other spec needs.
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { TEST_PASSWORD, uniqueEmail } from "../../tests/support/test-data";
import { query } from "./db";

export type E2EUser = { id: string; email: string; name: string; password: string };

// As lib/auth/password.ts hashes (Argon2id at the OWASP floor, ASVS 6.2.x), so sign-in verifies
// these hashes exactly as it verifies its own and never needs to rehash them.
const ARGON2ID = 2;
const PASSWORD_HASH_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** A cuid-shaped id; the app never parses ids, it only needs them unique. */
export function rowId(prefix = "e2e"): string {
  return `${prefix}${randomUUID().replace(/-/g, "")}`;
}

/** A new user with a password (session and JWT mode can sign in with it), unique to the caller. */
export async function createPasswordUser(
  options: { label?: string; email?: string; name?: string } = {},
): Promise<E2EUser> {
  const user: E2EUser = {
    id: rowId(),
    email: options.email ?? uniqueEmail(options.label ?? "e2e"),
    name: options.name ?? "E2E Person",
    password: TEST_PASSWORD,
  };
  const now = new Date();
  await query(
    `INSERT INTO "users" ("id", "email", "name", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
    [user.id, user.email, user.name, now, now],
  );
  // NFKC first, as lib/auth/password.ts prepares every password (a no-op for TEST_PASSWORD).
  const phc = await hash(user.password.normalize("NFKC"), { algorithm: ARGON2ID, ...PASSWORD_HASH_PARAMS });
  await query(
    `INSERT INTO "password_credentials" ("userId", "hash", "algorithm", "memoryCost", "timeCost", "parallelism", "createdAt", "updatedAt")
     VALUES (?, ?, 'argon2id', ?, ?, ?, ?, ?)`,
    [
      user.id,
      phc,
      PASSWORD_HASH_PARAMS.memoryCost,
      PASSWORD_HASH_PARAMS.timeCost,
      PASSWORD_HASH_PARAMS.parallelism,
      now,
      now,
    ],
  );
  return user;
}
