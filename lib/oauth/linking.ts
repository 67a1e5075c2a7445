import "server-only";
import type { NextRequest } from "next/server";
import type { Account } from "next-auth";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { sourceFromNext, sourceFromRequest } from "@/lib/http/credential-source";
import { readSessionIdentity } from "@/lib/session/identity";
import { accountRow } from "./adapter";
import { readOAuthIdentity } from "./identity";
import { isLinkSessionLive } from "./link-access";
import type { LinkIntent } from "./link-intent";
import { oauthRequestContext } from "./request-context";

/**
 * The session that allowed the link must still be valid, on this very request. Only a server
 * session or an Auth.js session counts: a JWT outlives revocation by minutes (ASVS 7.4.x, 7.5.1).
 * The one mode the intent names is read directly; no other credential on the request matters.
 */
async function isStillSignedInWith(intent: LinkIntent, request: NextRequest | undefined): Promise<boolean> {
  const source = request ? sourceFromRequest(request) : await sourceFromNext();
  const signIns =
    intent.via.mode === "session"
      ? { session: await readSessionIdentity(source) }
      : { oauth: await readOAuthIdentity(source) };
  return isLinkSessionLive(signIns, intent.userId, intent.via);
}

/**
 * The signIn callback for a sign-in that carries a verified link intent: attaches the provider
 * account to the intent's user, or refuses. Returns where the browser goes next; never signs in.
 */
export async function completeLink(
  intent: LinkIntent,
  account: Account,
  request: NextRequest | undefined,
): Promise<string> {
  const context = await oauthRequestContext(request);
  const provider = account.provider;
  const refuse = async (reason: string) => {
    await recordAuditEvent({
      type: "account.link_refused",
      mode: "oauth",
      userId: intent.userId,
      context,
      detail: { provider, reason },
    });
    return `/account/connections?${new URLSearchParams({ error: reason, provider })}`;
  };
  const target = await db.user.findUnique({
    where: { id: intent.userId },
    include: { accounts: { select: { provider: true } } },
  });
  if (!target || target.disabledAt || !(await isStillSignedInWith(intent, request)))
    return refuse("not_signed_in");

  const owner = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: account.providerAccountId } },
    select: { userId: true },
  });
  if (owner)
    return owner.userId === target.id ? `/account/connections?linked=${provider}` : refuse("already_linked");
  if (target.accounts.some((linked) => linked.provider === provider))
    return refuse("provider_already_linked");

  await db.account.create({
    data: accountRow({ ...account, userId: target.id, type: account.type as "oauth" }),
  });
  await recordAuditEvent({
    type: "account.linked",
    mode: "oauth",
    userId: target.id,
    context,
    detail: { provider, via: "connections" },
  });
  return `/account/connections?linked=${provider}`;
}
