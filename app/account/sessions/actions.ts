"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formString, rowIdSchema } from "@/lib/forms";
import { formAction } from "@/lib/forms/action";
import { requireUser } from "@/lib/identity";
import { clearTokenCookieJar } from "@/lib/jwt/current";
import { revokeAllCredentials, revokeOwnCredential } from "@/lib/revocation";
import { currentRequestContext } from "@/lib/security/request";
import { writeSessionCookie } from "@/lib/session/current";
import { clearedSessionCookie } from "@/lib/session/cookie";

const PAGE = "/account/sessions";

export const revokeSessionAction = formAction(async (_previous, formData) => {
  const { user, identity } = await requireUser({ next: PAGE });
  const id = rowIdSchema.safeParse(formString(formData, "sessionId"));
  if (
    !id.success ||
    !(await revokeOwnCredential(user.id, "server_session", id.data, await currentRequestContext()))
  ) {
    return { message: "That session no longer exists." };
  }
  if (identity.modes.session?.credential.session.id === id.data) {
    await writeSessionCookie(clearedSessionCookie());
    redirect("/session/sign-in");
  }
  revalidatePath(PAGE);
  return { tone: "success", message: "Session revoked. That browser is signed out on its next request." };
});

/** Ends one JWT sign-in: its refresh family. Its access token lives until exp unless the deny-list is on. */
export const revokeTokenFamilyAction = formAction(async (_previous, formData) => {
  const { user } = await requireUser({ next: PAGE });
  const id = rowIdSchema.safeParse(formString(formData, "familyId"));
  if (
    !id.success ||
    !(await revokeOwnCredential(user.id, "refresh_family", id.data, await currentRequestContext()))
  ) {
    return { message: "That sign-in no longer exists." };
  }
  revalidatePath(PAGE);
  return { tone: "success", message: "Refresh family revoked. That client cannot refresh any more." };
});

/** Ends one Auth.js session: its row goes, so its cookie reads as signed out on the next request. */
export const revokeOAuthSessionAction = formAction(async (_previous, formData) => {
  const { user } = await requireUser({ next: PAGE });
  const id = rowIdSchema.safeParse(formString(formData, "oauthSessionId"));
  if (
    !id.success ||
    !(await revokeOwnCredential(user.id, "oauth_session", id.data, await currentRequestContext()))
  ) {
    return { message: "That sign-in no longer exists." };
  }
  revalidatePath(PAGE);
  return {
    tone: "success",
    message: "Provider session revoked. That browser is signed out on its next request.",
  };
});

/**
 * Ends every credential of the account in every mode (ASVS 7.4.3), this browser's included, and
 * the API keys too when the box is ticked. With the store down nothing is revoked and no cookie is
 * cleared: formAction says so.
 */
export const signOutEverywhereAction = formAction(async (_previous, formData) => {
  const { user } = await requireUser({ next: PAGE });
  await revokeAllCredentials(user.id, "signed_out_everywhere", {
    context: await currentRequestContext(),
    includeApiKeys: formString(formData, "includeApiKeys") === "on",
  });
  await writeSessionCookie(clearedSessionCookie());
  // The refresh family behind these is revoked; the access cookie must not outlive it here.
  await clearTokenCookieJar();
  redirect("/session/sign-in");
});
