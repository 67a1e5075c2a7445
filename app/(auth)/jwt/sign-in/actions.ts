"use server";

import { redirect } from "next/navigation";
import { signInFailureMessage, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { fieldErrors, signInSchema } from "@/lib/auth/validation";
import { formString } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { readAccessCookie, writeTokenCookies } from "@/lib/jwt/current";
import { retirePreviousFamily, issueTokenPair } from "@/lib/jwt/token-pair";
import { safeRedirectPath } from "@/lib/security/redirect";
import { currentRequestContext } from "@/lib/security/request";

/** Browser sign-in for JWT mode: a new refresh family, tokens in HttpOnly cookies. */
export const signInAction = formAction(
  async (_previous, formData) => {
    const fields = { email: formString(formData, "email") };
    const parsed = signInSchema.safeParse({
      email: fields.email,
      password: formString(formData, "password"),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error), fields };

    const context = await currentRequestContext();
    const result = await verifyPasswordSignIn(parsed.data, context, "jwt");
    if (!result.ok) {
      return { message: signInFailureMessage(result), fields };
    }
    // A new family on every sign-in; the one this browser held before is revoked, not orphaned.
    await retirePreviousFamily(await readAccessCookie(), context);
    await writeTokenCookies(await issueTokenPair(result.value, context));
    redirect(safeRedirectPath(formString(formData, "next"), "/jwt"));
  },
  { keep: ["email"] },
);
