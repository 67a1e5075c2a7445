"use server";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/forms";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { setCookies } from "@/lib/http/cookies";
import { requireUser } from "@/lib/identity";
import { logger } from "@/lib/log";
import { signIn } from "@/lib/oauth";
import { canLinkProviders, describeLinkRefusal } from "@/lib/oauth/link-access";
import { linkIntentCookie, signLinkIntent } from "@/lib/oauth/link-intent";
import { enabledProviderIds } from "@/lib/oauth/providers";
import { currentRequestContext } from "@/lib/security/request";

const PAGE = "/account/connections";
const providerField = z.object({ provider: z.string().min(1).max(32) });

/**
 * Links a provider to the signed-in user: only after a recent sign-in held in a server or Auth.js
 * session (lib/oauth/link-access.ts), checked here whatever the page showed. A signed link intent
 * bound to this user, provider and session, then the provider's normal authorization-code + PKCE
 * flow; the signIn callback attaches it.
 */
export async function linkProvider(_state: FormState, formData: FormData): Promise<FormState> {
  const { user, identity } = await requireUser({ next: PAGE, signInPath: "/oauth/sign-in" });
  const parsed = providerField.safeParse({ provider: formData.get("provider") });
  if (!parsed.success || !enabledProviderIds().includes(parsed.data.provider as never)) {
    return { message: "That provider is not available." };
  }
  const { provider } = parsed.data;
  // ASVS 5.0 V7.5.1: a new way in needs a recent, revocable sign-in, never a JWT alone.
  const access = canLinkProviders(identity);
  if (!access.ok) {
    await recordAuditEvent({
      type: "account.link_refused",
      mode: "oauth",
      userId: user.id,
      context: await currentRequestContext(),
      detail: { provider, reason: access.reason },
    });
    return { message: describeLinkRefusal(access.reason) };
  }
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
}

type UnlinkResult = "unlinked" | "not_linked" | "last_way_in";

/** Unlinks a provider, unless it is the user's last way in (no password and no other provider). */
export async function unlinkProvider(_state: FormState, formData: FormData): Promise<FormState> {
  const { user } = await requireUser({ next: PAGE, signInPath: "/oauth/sign-in" });
  const parsed = providerField.safeParse({ provider: formData.get("provider") });
  if (!parsed.success) return { message: "Choose a provider to unlink." };
  const { provider } = parsed.data;

  const result = await db.$transaction(async (tx): Promise<UnlinkResult> => {
    // Writing the user row first serialises concurrent unlinks for this user (a row lock on
    // Postgres, the write lock on SQLite), so two of them cannot each leave the other as "the last".
    await tx.user.update({ where: { id: user.id }, data: { updatedAt: new Date() } });
    const [accounts, password] = await Promise.all([
      tx.account.findMany({ where: { userId: user.id }, select: { provider: true } }),
      tx.passwordCredential.findUnique({ where: { userId: user.id }, select: { userId: true } }),
    ]);
    const matching = accounts.filter((account) => account.provider === provider).length;
    if (matching === 0) return "not_linked";
    if (accounts.length - matching + (password ? 1 : 0) < 1) return "last_way_in";
    await tx.account.deleteMany({ where: { userId: user.id, provider } });
    return "unlinked";
  });

  if (result === "not_linked") return { message: "That provider is not linked to your account." };
  if (result === "last_way_in") {
    return { message: "This is your only way to sign in. Link another provider or set a password first." };
  }
  await recordAuditEvent({
    type: "account.unlinked",
    mode: "oauth",
    userId: user.id,
    context: await currentRequestContext(),
    detail: { provider },
  });
  redirect(`${PAGE}?unlinked=${encodeURIComponent(provider)}`);
}
