import { z } from "zod";
import { plainTextSchema } from "@/lib/forms";
import { emailSchema } from "./email";
import { currentPasswordSchema, newPasswordSchema } from "./password";

/** Sign-in for session and JWT mode. The password is only bounded here, never judged. */
export const signInSchema = z.object({ email: emailSchema, password: currentPasswordSchema });

export const signUpSchema = z.object({
  name: plainTextSchema(100)
    .optional()
    .transform((value) => value || null),
  email: emailSchema,
  password: newPasswordSchema,
});

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    error: "The passwords do not match.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    error: "Choose a password different from the current one.",
  });

/** Field errors in the one form-state shape every form uses. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}
