"use server";

import { changePasswordSchema, fieldErrors } from "@/lib/auth/validation";
import { formString } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { requireUser } from "@/lib/identity";
import { currentRequestContext } from "@/lib/security/request";
import { changePassword } from "@/lib/session/service";

export const changePasswordAction = formAction(async (_previous, formData) => {
  const { user, identity } = await requireUser({ next: "/account/password" });
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formString(formData, "currentPassword"),
    newPassword: formString(formData, "newPassword"),
    confirmPassword: formString(formData, "confirmPassword"),
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };

  const currentSessionId = identity.modes.session?.credential.session.id;
  const result = await changePassword(user.id, currentSessionId, parsed.data, await currentRequestContext());
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      return { message: `Too many attempts. Try again in ${result.retryAfterSeconds} seconds.` };
    }
    return result.reason === "wrong_password"
      ? { errors: { currentPassword: ["The current password is incorrect."] } }
      : { message: "This account has no password: it signs in through a provider." };
  }
  return {
    tone: "success",
    message: `Password changed. ${result.value.revoked} other session${result.value.revoked === 1 ? "" : "s"} and token families were signed out.`,
  };
});
