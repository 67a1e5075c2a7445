"use server";

import { redirect } from "next/navigation";
import { registerPasswordUser } from "@/lib/auth/credentials";
import { fieldErrors, signUpSchema } from "@/lib/auth/validation";
import { formString } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { safeRedirectPath } from "@/lib/security/redirect";
import { currentRequestContext } from "@/lib/security/request";

/**
 * Creates the account, or finds the address taken, and answers both the same way: a redirect to
 * sign-in with one notice, no cookie (ASVS 6.3.8: sign-up reveals no account). The sign-in page
 * is the one the person came from (`via`: session or JWT mode).
 */
export const signUpAction = formAction(
  async (_previous, formData) => {
    const fields = { name: formString(formData, "name"), email: formString(formData, "email") };
    const parsed = signUpSchema.safeParse({ ...fields, password: formString(formData, "password") });
    if (!parsed.success) return { errors: fieldErrors(parsed.error), fields };

    const mode = formString(formData, "via") === "jwt" ? "jwt" : "session";
    const result = await registerPasswordUser(parsed.data, await currentRequestContext(), mode);
    if (!result.ok) {
      return {
        message: `Too many new accounts right now. Try again in ${result.retryAfterSeconds} seconds.`,
        fields,
      };
    }
    const query = new URLSearchParams({
      notice: "signed-up",
      next: safeRedirectPath(formString(formData, "next")),
    });
    redirect(`/${mode}/sign-in?${query}`);
  },
  { keep: ["email", "name"] },
);
