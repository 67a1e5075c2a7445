"use server";
import { signOut } from "@/lib/oauth";
import { formAction } from "@/lib/forms/action";
import { sourceFromNext } from "@/lib/http/credential-source";
import { endOAuthSession } from "@/lib/oauth/sessions";
import { currentRequestContext } from "@/lib/security/request";

/**
 * Deletes the Auth.js session row (through lib/revocation, which audits it) and then lets Auth.js
 * clear its cookie. The row goes first: Auth.js's sign-out swallows a store outage and would
 * clear the cookie and say "signed out" while the row lived on; here the outage reaches
 * formAction, which says nothing was changed.
 */
export const signOutOfOAuth = formAction(async (_state, _formData) => {
  await endOAuthSession(await sourceFromNext(), await currentRequestContext());
  await signOut({ redirectTo: "/oauth/sign-in?signedOut=1" });
  return {};
});
