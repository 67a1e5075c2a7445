"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type FormState, formString } from "@/lib/forms";
import { requireUser } from "@/lib/identity";
import { currentRequestContext } from "@/lib/security/request";
import { writeSessionCookie } from "@/lib/session/current";
import { revokeUserTokenFamily } from "@/lib/jwt/refresh-tokens";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { revokeSession, signOutEverywhere } from "@/lib/session/service";

const sessionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/);

export async function revokeSessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, identity } = await requireUser({ next: "/account/sessions" });
  const id = sessionId.safeParse(formString(formData, "sessionId"));
  if (!id.success || !(await revokeSession(user.id, id.data, await currentRequestContext()))) {
    return { message: "That session no longer exists." };
  }
  if (identity.modes.session?.credential.session.id === id.data) {
    await writeSessionCookie(clearedSessionCookie());
    redirect("/session/sign-in");
  }
  revalidatePath("/account/sessions");
  return { tone: "success", message: "Session revoked. That browser is signed out on its next request." };
}

/** Ends one JWT sign-in: its refresh family. Its access token lives until exp unless the deny-list is on. */
export async function revokeTokenFamilyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user } = await requireUser({ next: "/account/sessions" });
  const id = sessionId.safeParse(formString(formData, "familyId"));
  if (!id.success || !(await revokeUserTokenFamily(user.id, id.data, await currentRequestContext()))) {
    return { message: "That sign-in no longer exists." };
  }
  revalidatePath("/account/sessions");
  return { tone: "success", message: "Refresh family revoked. That client cannot refresh any more." };
}

export async function signOutEverywhereAction(): Promise<void> {
  const { user } = await requireUser({ next: "/account/sessions" });
  await signOutEverywhere(user.id, await currentRequestContext());
  await writeSessionCookie(clearedSessionCookie());
  redirect("/session/sign-in");
}
