import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";
import { withHashSlot } from "./hash-slots";

/**
 * Argon2id at the OWASP floor (ASVS 6.2.x / 11.4.2: m=19 MiB, t=2, p=1). Raising these makes
 * existing hashes "weaker than current", and they are rehashed at the next sign-in.
 */
export const PASSWORD_HASH_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Length counts Unicode code points, so an emoji is one character (ASVS 6.2.1, 6.2.9). */
function codePoints(value: string): number {
  return [...value].length;
}

/**
 * A new password: 8-128 characters, any Unicode, never trimmed or truncated (ASVS 6.2.1, 6.2.9),
 * and not one of the most common passwords (ASVS 6.2.4).
 */
export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .refine((value) => codePoints(value) >= PASSWORD_MIN_LENGTH, {
    error: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  })
  .refine((value) => codePoints(value) <= PASSWORD_MAX_LENGTH, {
    error: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  })
  // One reason at a time: a too-short password is not also called common.
  .refine((value) => codePoints(value) < PASSWORD_MIN_LENGTH || !isCommonPassword(value), {
    error: "This password is too common. Choose one that is harder to guess.",
  });

/** A password being checked: only bounded, so a huge input cannot make Argon2 slow. */
export const currentPasswordSchema = z
  .string({ error: "Enter your password." })
  .min(1, { error: "Enter your password." })
  .max(PASSWORD_MAX_LENGTH * 4, { error: "Enter your password." });

export type PasswordHash = {
  hash: string;
  algorithm: "argon2id";
  memoryCost: number;
  timeCost: number;
  parallelism: number;
};

// NIST SP 800-63B 5.1.1.2: normalise Unicode so the same password typed on two keyboards matches.
const prepare = (password: string) => password.normalize("NFKC");

export async function hashPassword(password: string): Promise<PasswordHash> {
  const value = await withHashSlot(() =>
    hash(prepare(password), { algorithm: ARGON2ID, ...PASSWORD_HASH_PARAMS }),
  );
  return { hash: value, algorithm: "argon2id", ...PASSWORD_HASH_PARAMS };
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await withHashSlot(() => verify(stored, prepare(password)));
  } catch {
    // A corrupt stored hash is a failed check, never a 500.
    return false;
  }
}

/** True when a stored hash used weaker parameters than today's (rehash on next sign-in). */
export function needsRehash(stored: { memoryCost: number; timeCost: number; parallelism: number }): boolean {
  return (
    stored.memoryCost < PASSWORD_HASH_PARAMS.memoryCost ||
    stored.timeCost < PASSWORD_HASH_PARAMS.timeCost ||
    stored.parallelism < PASSWORD_HASH_PARAMS.parallelism
  );
}

// A hash nobody can match, made once per process. The server makes it at start
// (`primeDummyHash` from instrumentation), not at the first unknown email, which would then cost
// one Argon2 hash more than every other sign-in. Not at module load either: importing this module
// must not need the settings (scripts load it before theirs are in place).
let dummy: Promise<string> | undefined;

/** Starts (once) the hash `verifyAgainstDummy` compares against. */
export function primeDummyHash(): Promise<string> {
  dummy ??= withHashSlot(() =>
    hash(randomBytes(32).toString("base64url"), { algorithm: ARGON2ID, ...PASSWORD_HASH_PARAMS }),
  );
  return dummy;
}

/**
 * Spends one Argon2 verification on a hash nobody can match, so an unknown email takes as long
 * as a wrong password (ASVS 6.3.8: no account enumeration through timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await primeDummyHash(), password);
  return false;
}
