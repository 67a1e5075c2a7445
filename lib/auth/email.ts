import { z } from "zod";

/**
 * One spelling per address, for every mode: trimmed, Unicode NFKC, lower-cased. Applied before
 * any lookup or insert, so `Ada@Example.COM ` and `ada@example.com` are one account.
 */
export function normalizeEmail(value: string): string {
  return value.trim().normalize("NFKC").toLowerCase();
}

/** A normalised, syntactically valid email of sensible length. */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .transform(normalizeEmail)
  .pipe(
    z.email({ error: "Enter a valid email address." }).max(254, { error: "That email address is too long." }),
  );
