"use server";

import { redirect } from "next/navigation";
import { signInFailureMessage } from "@/lib/auth/credentials";
import { fieldErrors, signInSchema } from "@/lib/auth/validation";
import { formString } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { safeRedirectPath } from "@/lib/security/redirect";
import { currentRequestContext } from "@/lib/security/request";
import { readSessionCookie, writeSessionCookie } from "@/lib/session/current";
import { signInWithPassword } from "@/lib/session/service";

export const signInAction = formAction(
  async (_previous, formData) => {
    const fields = { email: formString(formData, "email") };
    const parsed = signInSchema.safeParse({
      email: fields.email,
      password: formString(formData, "password"),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error), fields };

    const result = await signInWithPassword(
      parsed.data,
      await currentRequestContext(),
      await readSessionCookie(),
    );
    if (!result.ok) {
      return { message: signInFailureMessage(result), fields };
    }
    await writeSessionCookie(result.value.cookie);
    redirect(safeRedirectPath(formString(formData, "next")));
  },
  { keep: ["email"] },
);
