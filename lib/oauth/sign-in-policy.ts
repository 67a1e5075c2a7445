import "server-only";
import type { NextRequest } from "next/server";
import type { Account, Profile, User } from "next-auth";
import { recordAuditEvent } from "@/lib/audit";
import { normalizeEmail } from "@/lib/auth/email";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { revokeCredential } from "@/lib/revocation";
import { linkIntentCookieName, oauthSessionCookieName } from "./cookies";
import { completeLink } from "./linking";
import { verifyLinkIntent } from "./link-intent";
import { errorPath } from "./paths";
import { oauthRequestContext } from "./request-context";
import { oauthSessionOfToken } from "./sessions";

/** True when the request holds a live Auth.js session (the state in which Auth.js links silently). */
async function hasLiveAuthSession(request: NextRequest | undefined): Promise<boolean> {
  const token = request?.cookies.get(oauthSessionCookieName())?.value;
  if (!token) return false;
  const session = await db.session.findUnique({
    where: { sessionToken: hashToken(token) },
    select: { expires: true },
  });
  return Boolean(session && session.expires > new Date());
}

/**
 * Auth.js keeps the browser's current session when its user signs in again with a linked account.
 * Ending it first makes a fresh sign-in start a fresh session (ASVS 7.2.4), whose createdAt is
 * what "signed in recently" is measured by before linking (lib/oauth/link-access.ts).
 */
async function endSessionOfSameUser(request: NextRequest | undefined, userId: string): Promise<void> {
  const [held] = await oauthSessionOfToken(request?.cookies.get(oauthSessionCookieName())?.value);
  if (held?.userId === userId)
    await revokeCredential(held, "replaced_by_sign_in", await oauthRequestContext(request));
}

/**
 * The signIn callback: Auth.js has verified the provider's response (state, PKCE, nonce, ID token);
 * this decides what the result may do. Returning a path redirects there without signing in.
 */
export async function decideSignIn(
  { user, account, profile }: { user: User; account?: Account | null; profile?: Profile },
  request: NextRequest | undefined,
): Promise<boolean | string> {
  if (!account || (account.type !== "oauth" && account.type !== "oidc")) return false;
  const provider = account.provider;
  const context = await oauthRequestContext(request);

  const intent = await verifyLinkIntent(request?.cookies.get(linkIntentCookieName())?.value, provider);
  if (intent) return completeLink(intent, account, request);

  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: account.providerAccountId } },
    include: { user: { select: { disabledAt: true, id: true } } },
  });
  if (linked) {
    if (!linked.user.disabledAt) {
      await endSessionOfSameUser(request, linked.user.id);
      return true;
    }
    await recordAuditEvent({
      type: "sign_in.failed",
      mode: "oauth",
      userId: linked.user.id,
      context,
      detail: { provider, reason: "disabled" },
    });
    return errorPath("AccountDisabled", provider);
  }

  // A new provider account: it will create a user, so its email must be present and not disowned.
  if (!user.email) return errorPath("EmailMissing", provider);
  // An OpenID provider's email counts only when it vouches for it: `email_verified` exactly true
  // (OIDC Core §5.1; absent, false or the string "true" are refused), else anyone could register
  // at a lax issuer with someone else's address (ASVS 5.0 V10.5 / RFC 9700 §4.x). GitHub (OAuth
  // 2.0) has no claim: Auth.js takes its primary address from /user/emails.
  if (account.type === "oidc" && profile?.email_verified !== true) {
    return errorPath("EmailUnverified", provider);
  }
  if (profile?.email_verified === false) return errorPath("EmailUnverified", provider);

  // ASVS 6.8.x / never allowDangerousEmailAccountLinking: an email already in use is not proof of
  // owning that account, so nothing is linked; the user is told how to link deliberately.
  const byEmail = await db.user.findUnique({
    where: { email: normalizeEmail(user.email) },
    select: { id: true },
  });
  if (byEmail) {
    await recordAuditEvent({
      type: "account.link_refused",
      mode: "oauth",
      userId: byEmail.id,
      context,
      detail: { provider, reason: "email_in_use" },
    });
    return `/oauth/not-linked?provider=${provider}`;
  }

  // Auth.js would silently link a new provider account to whoever holds a live Auth.js session;
  // authlab links only on an explicit request from Account → Connections.
  if (await hasLiveAuthSession(request)) return `/oauth/not-linked?provider=${provider}&reason=signed_in`;
  return true;
}
