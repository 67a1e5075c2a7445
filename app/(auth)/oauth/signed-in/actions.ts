"use server";
import { signOut } from "@/lib/oauth";
import { formAction } from "@/lib/forms/action";

/** Deletes the Auth.js session row and clears its cookie (through lib/revocation, which audits it). */
export const signOutOfOAuth = formAction(async (_state, _formData) => {
  await signOut({ redirectTo: "/oauth/sign-in?signedOut=1" });
  return {};
});
