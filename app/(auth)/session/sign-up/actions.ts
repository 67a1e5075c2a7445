"use server";

import { redirect } from "next/navigation";
import { fieldErrors, signUpSchema } from "@/lib/auth/validation";
import { formString } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { safeRedirectPath } from "@/lib/security/redirect";
import { currentRequestContext } from "@/lib/security/request";
import { readSessionCookie, writeSessionCookie } from "@/lib/session/current";
import { signUpWithPassword } from "@/lib/session/service";

export const signUpAction = formAction(
  async (_previous, formData) => {
    const fields = { name: formString(formData, "name"), email: formString(formData, "email") };
    const parsed = signUpSchema.safeParse({ ...fields, password: formString(formData, "password") });
    if (!parsed.success) return { errors: fieldErrors(parsed.error), fields };

    const result = await signUpWithPassword(
      parsed.data,
      await currentRequestContext(),
      await readSessionCookie(),
    );
    if (!result.ok) {
      return result.reason === "email_taken"
        ? { errors: { email: ["An account with this email already exists. Sign in instead."] }, fields }
        : {
            message: `Too many new accounts from your network. Try again in ${result.retryAfterSeconds} seconds.`,
            fields,
          };
    }
    await writeSessionCookie(result.value.cookie);
    redirect(safeRedirectPath(formString(formData, "next")));
  },
  { keep: ["email", "name"] },
);
