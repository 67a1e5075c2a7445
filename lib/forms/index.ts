import { z } from "zod";

/**
 * The one shape every form action returns, read with useActionState. `fields` echoes back only
 * safe values (never a password) so the form can be refilled after an error.
 */
export type FormState = {
  errors?: Record<string, string[] | undefined>;
  message?: string;
  /** "error" (default) or "success", for how the message is announced. */
  tone?: "error" | "success";
  fields?: Record<string, string>;
  /**
   * A value shown exactly once, in this answer only (a new API key): never stored for the page,
   * so a reload cannot show it again.
   */
  secret?: string;
};

export const initialFormState: FormState = {};

/** A FormData value as a string ('' for missing or a file). */
export function formString(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The id of one of the user's own rows (a session, a sign-in, an API key) as a form sends it. */
export const rowIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/);

/**
 * A short piece of text a person types (a display name, a key's name), trimmed and at most `max`
 * characters. ASVS 5.0 2.2.1: control characters (NUL, which PostgreSQL refuses in text columns,
 * terminal escape sequences) and lone surrogates are refused, not stored.
 */
export function plainTextSchema(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters.` })
    .refine((value) => !/[\p{Cc}\p{Cs}]/u.test(value), {
      error: "Use letters, digits, spaces and punctuation only.",
    });
}
