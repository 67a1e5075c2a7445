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
};

export const initialFormState: FormState = {};

/** A FormData value as a string ('' for missing or a file). */
export function formString(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
