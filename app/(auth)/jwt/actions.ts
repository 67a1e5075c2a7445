"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/forms/action";
import { clearTokenCookieJar, readAccessCookie } from "@/lib/jwt/current";
import { signOutWithAccessToken } from "@/lib/jwt/token-pair";
import { currentRequestContext } from "@/lib/security/request";

/**
 * JWT sign-out: revokes the refresh family named by the access token's `sid` and clears only
 * JWT mode's two cookies (no Clear-Site-Data: that would sign the other modes out too). The
 * family goes first: with the store down nothing is revoked, so the cookies stay and formAction
 * says nothing was changed.
 */
export const signOutAction = formAction(async () => {
  await signOutWithAccessToken(await readAccessCookie(), await currentRequestContext());
  await clearTokenCookieJar();
  redirect("/jwt/sign-in");
});
