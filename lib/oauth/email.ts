// Private stand-in for lib/auth/email.ts (`normalizeEmail`), which the lead is writing for password
// accounts. When it lands, import it here instead and delete this file: both must normalise alike
// so a provider email and a password email for the same person compare equal.

/** Trimmed, NFKC-normalised, lower-cased: the form `User.email` is stored in. */
export function normalizeEmail(value: string): string {
  return value.trim().normalize("NFKC").toLowerCase();
}
