"use server";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/forms/action";
import { recordAuditEvent } from "@/lib/audit";
import { setCookies } from "@/lib/http/cookies";
import { requireUser } from "@/lib/identity";
import { logger } from "@/lib/log";
import { signIn } from "@/lib/oauth";
import { unlinkUserProvider } from "@/lib/oauth/accounts";
import { canLinkProviders, describeLinkRefusal, type LinkRefusal } from "@/lib/oauth/link-access";
import { linkIntentCookie, signLinkIntent } from "@/lib/oauth/link-intent";
import { enabledProviderIds } from "@/lib/oauth/providers";
import { currentRequestContext } from "@/lib/security/request";

const PAGE = "/account/connections";
// ASVS 5.0 2.2.1: a provider id is a short slug (demo, github, google, oidc). Anything else is
// refused here, before a query: a NUL byte reached PostgreSQL and failed the action there.
const providerField = z.object({
  provider: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9_-]+$/i),
});

/** A link or unlink refused for want of a recent sign-in: audited, and the reason shown. */
async function refused(
  type: "account.link_refused" | "account.unlink_refused",
  userId: string,
  provider: string,
  reason: LinkRefusal,
): Promise<{ message: string }> {
  const context = await currentRequestContext();
  await recordAuditEvent({ type, mode: "oauth", userId, context, detail: { provider, reason } });
  return { message: describeLinkRefusal(reason) };
}

/**
 * Links a provider to the signed-in user: only after a recent sign-in held in a server or Auth.js
 * session (lib/oauth/link-access.ts), checked here whatever the page showed. A signed link intent
 * bound to this user, provider and session, then the provider's normal authorization-code + PKCE
 * flow; the signIn callback attaches it.
 */
export const linkProvider = formAction(async (_state, formData) => {
  const { user, identity } = await requireUser({ next: PAGE, signInPath: "/oauth/sign-in" });
  const parsed = providerField.safeParse({ provider: formData.get("provider") });
  if (!parsed.success || !enabledProviderIds().includes(parsed.data.provider as never)) {
    return { message: "That provider is not available." };
  }
  const { provider } = parsed.data;
  // ASVS 5.0 V7.5.1: a new way in needs a recent, revocable sign-in, never a JWT alone.
  const access = canLinkProviders(identity);
  if (!access.ok) return refused("account.link_refused", user.id, provider, access.reason);
  const intent = linkIntentCookie(await signLinkIntent({ ...access.value, provider }));
  setCookies(await cookies(), intent);
  try {
    await signIn(provider, { redirectTo: PAGE });
  } catch (error) {
    unstable_rethrow(error);
    logger.warn("oauth: could not start linking", { provider, error });
    return { message: "Could not reach the provider. Try again in a moment." };
  }
  return {};
});

/**
 * Unlinks a provider: only after the same recent sign-in as linking (checked here whatever the page
 * showed), and never the user's last way in (no password and no other provider).
 */
export const unlinkProvider = formAction(async (_state, formData) => {
  const { user, identity } = await requireUser({ next: PAGE, signInPath: "/oauth/sign-in" });
  const parsed = providerField.safeParse({ provider: formData.get("provider") });
  if (!parsed.success) return { message: "Choose a provider to unlink." };
  const { provider } = parsed.data;
  // ASVS 5.0 V7.5.1: removing a way in needs a recent, revocable sign-in, like adding one: a stolen
  // or stale session must not drop the owner's provider. Refused before anything is read or changed.
  const access = canLinkProviders(identity);
  if (!access.ok) return refused("account.unlink_refused", user.id, provider, access.reason);
  const result = await unlinkUserProvider(user.id, provider, await currentRequestContext());
  if (!result.ok) {
    return result.reason === "not_linked"
      ? { message: "That provider is not linked to your account." }
      : { message: "This is your only way to sign in. Link another provider or set a password first." };
  }
  redirect(`${PAGE}?unlinked=${encodeURIComponent(provider)}`);
});
