"use server";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { logger } from "@/lib/log";
import { signIn } from "@/lib/oauth";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/oauth/paths";
import { enabledProviderIds, providerCatalog } from "@/lib/oauth/providers";
import { safeRedirectPath } from "@/lib/security/redirect";
import { formAction } from "@/lib/forms/action";

const schema = z.object({ provider: z.string().min(1).max(32), next: z.string().max(2048).optional() });

/** Starts an authorization-code + PKCE sign-in with one provider (Auth.js redirects to it). */
export const signInWithProvider = formAction(async (_state, formData) => {
  const parsed = schema.safeParse({
    provider: formData.get("provider"),
    next: formData.get("next") ?? undefined,
  });
  if (!parsed.success || !enabledProviderIds().includes(parsed.data.provider as never)) {
    return { message: "That provider is not available. Pick one from the list." };
  }
  const { provider, next } = parsed.data;
  try {
    await signIn(provider, { redirectTo: safeRedirectPath(next, DEFAULT_AFTER_SIGN_IN) });
  } catch (error) {
    unstable_rethrow(error);
    logger.warn("oauth: could not start sign-in", { provider, error });
    const name = providerCatalog().find((entry) => entry.id === provider)?.name ?? provider;
    return { message: `Could not reach ${name}. Check that it is running and configured, then try again.` };
  }
  return {};
});
