"use server";
import { signOut } from "@/lib/oauth";
import type { FormState } from "@/lib/forms";

/** Deletes the Auth.js session row and clears its cookie (through lib/revocation, which audits it). */
export async function signOutOfOAuth(_state: FormState, _formData: FormData): Promise<FormState> {
  await signOut({ redirectTo: "/oauth/sign-in?signedOut=1" });
  return {};
}
