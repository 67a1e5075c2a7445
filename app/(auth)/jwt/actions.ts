"use server";

import { redirect } from "next/navigation";
import { clearTokenCookieJar, readAccessCookie } from "@/lib/jwt/current";
import { signOutWithAccessToken } from "@/lib/jwt/token-pair";
import { currentRequestContext } from "@/lib/security/request";

/**
 * JWT sign-out: revokes the refresh family named by the access token's `sid` and clears only
 * JWT mode's two cookies (no Clear-Site-Data: that would sign the other modes out too).
 */
export async function signOutAction(): Promise<void> {
  await signOutWithAccessToken(await readAccessCookie(), await currentRequestContext());
  await clearTokenCookieJar();
  redirect("/jwt/sign-in");
}
