"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { API_KEY_SCOPE_NAMES } from "@/lib/apikey/scopes";
import { createApiKey } from "@/lib/apikey/store";
import { confirmPassword } from "@/lib/auth/credentials";
import { hasRecentSignIn } from "@/lib/auth/step-up";
import { fieldErrors } from "@/lib/auth/validation";
import { env } from "@/lib/env";
import { type FormState, formString, plainTextSchema, rowIdSchema } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { requireUser } from "@/lib/identity";
import { revokeOwnCredential } from "@/lib/revocation";
import { currentRequestContext } from "@/lib/security/request";

const PAGE = "/account/api-keys";
const DAY_MS = 24 * 60 * 60 * 1000;

const createSchema = z.object({
  name: plainTextSchema(64).pipe(z.string().min(1, "Name the key, e.g. after the script that uses it.")),
  scopes: z.array(z.enum(API_KEY_SCOPE_NAMES)).min(1, "Choose at least one scope."),
  expiry: z.enum(["7", "30", "90", "365", "never"], { error: "Choose when the key expires." }),
});

/** Creates a key after a recent sign-in or the password again (sudo mode); shows it once. */
export const createApiKeyAction = formAction(
  async (_previous, formData): Promise<FormState> => {
    const { user, identity } = await requireUser({ next: PAGE });
    const fields = { name: formString(formData, "name"), expiry: formString(formData, "expiry") };
    const parsed = createSchema.safeParse({
      ...fields,
      scopes: formData.getAll("scopes").filter((value) => typeof value === "string"),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error), fields };
    const context = await currentRequestContext();

    // ASVS 7.5.1 / 7.5.3: a new standing way into the account needs a recent authentication.
    if (!hasRecentSignIn(identity)) {
      const password = formString(formData, "currentPassword");
      if (!password) {
        return { errors: { currentPassword: ["Enter your password to create a key."] }, fields };
      }
      const confirmed = await confirmPassword(
        user.id,
        password,
        context,
        identity.mode ?? "session",
        "step_up",
      );
      if (!confirmed.ok) {
        if (confirmed.reason === "rate_limited") {
          return {
            message: `Too many attempts. Try again in ${confirmed.retryAfterSeconds} seconds.`,
            fields,
          };
        }
        return confirmed.reason === "wrong_password"
          ? { errors: { currentPassword: ["The password is incorrect."] }, fields }
          : { message: "Sign in again with your provider, then create the key.", fields };
      }
    }

    const { name, scopes, expiry } = parsed.data;
    const expiresAt = expiry === "never" ? null : new Date(Date.now() + Number(expiry) * DAY_MS);
    const created = await createApiKey(user.id, { name, scopes, expiresAt }, context);
    if (!created.ok) {
      return {
        message: `You already have ${env.API_KEYS_PER_USER} keys, the most an account may hold. Revoke one first.`,
        fields,
      };
    }
    revalidatePath(PAGE);
    return {
      tone: "success",
      message: `Key “${name}” created. Copy it now: it is shown only this once.`,
      secret: created.value.key,
    };
  },
  { keep: ["name", "expiry"] },
);

/** Revokes one of the user's keys through the one revocation path: refused from its next request. */
export const revokeApiKeyAction = formAction(async (_previous, formData) => {
  const { user } = await requireUser({ next: PAGE });
  const id = rowIdSchema.safeParse(formString(formData, "keyId"));
  if (
    !id.success ||
    !(await revokeOwnCredential(user.id, "api_key", id.data, await currentRequestContext()))
  ) {
    return { message: "That key no longer exists." };
  }
  revalidatePath(PAGE);
  return { tone: "success", message: "Key revoked. It is refused from its next request." };
});
