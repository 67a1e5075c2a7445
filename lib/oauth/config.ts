import "server-only";
import type { NextRequest } from "next/server";
import type { Account, NextAuthConfig, Profile, User } from "next-auth";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getIdentity, getRequestIdentity } from "@/lib/identity";
import { logger } from "@/lib/log";
import { safeRedirectPath } from "@/lib/security/redirect";
import { currentRequestContext, type RequestContext, requestContextFrom } from "@/lib/security/request";
import { accountRow, createOAuthAdapter } from "./adapter";
import { usesSecureCookies } from "@/lib/http/cookies";
import { linkIntentCookieName, oauthSessionCookieName } from "./cookies";
import { normalizeEmail } from "@/lib/auth/email";
import { isLinkSessionLive } from "./link-access";
import { type LinkIntent, verifyLinkIntent } from "./link-intent";
import { authProviders } from "./providers";

export const SIGN_IN_PATH = "/oauth/sign-in";
export const ERROR_PATH = "/oauth/error";
/** Where a sign-in lands when it was not asked to go anywhere (or asked to go somewhere unsafe). */
export const DEFAULT_AFTER_SIGN_IN = "/oauth/signed-in";

/**
 * Every post-sign-in/out destination goes through here: only a same-origin path survives
 * (ASVS 10.4.x / RFC 9700 §4.11: no open redirects via callbackUrl or redirectTo).
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let path: string | undefined;
  try {
    const parsed = new URL(url, origin);
    // The raw value must itself be a path or this exact origin: `//evil.example` parses as another origin.
    if (parsed.origin === origin) path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    if (!url.startsWith(origin) && !url.startsWith("/")) path = undefined;
  } catch {
    path = undefined;
  }
  return `${origin}${safeRedirectPath(path, DEFAULT_AFTER_SIGN_IN)}`;
}

async function contextOf(request: NextRequest | undefined): Promise<RequestContext | undefined> {
  if (request) return requestContextFrom(request.headers);
  try {
    return await currentRequestContext();
  } catch {
    return undefined;
  }
}

function errorPath(code: string, provider?: string): string {
  const query = new URLSearchParams({ error: code, ...(provider ? { provider } : {}) });
  return `${ERROR_PATH}?${query}`;
}

/** True when the request holds a live Auth.js session (the state in which Auth.js links silently). */
async function hasLiveAuthSession(request: NextRequest | undefined): Promise<boolean> {
  const token = request?.cookies.get(oauthSessionCookieName())?.value;
  if (!token) return false;
  const session = await db.session.findUnique({ where: { sessionToken: token }, select: { expires: true } });
  return Boolean(session && session.expires > new Date());
}

/**
 * Auth.js keeps the browser's current session when its user signs in again with a linked account.
 * Ending it first makes a fresh sign-in start a fresh session (ASVS 7.2.4), whose createdAt is
 * what "signed in recently" is measured by before linking (lib/oauth/link-access.ts).
 */
async function endSessionOfSameUser(request: NextRequest | undefined, userId: string): Promise<void> {
  const token = request?.cookies.get(oauthSessionCookieName())?.value;
  if (token) await db.session.deleteMany({ where: { sessionToken: token, userId } });
}

/**
 * The session that allowed the link must still be valid, on this very request. Only a server
 * session or an Auth.js session counts: a JWT outlives revocation by minutes (ASVS 7.4.x, 7.5.1).
 */
async function isStillSignedInWith(intent: LinkIntent, request: NextRequest | undefined): Promise<boolean> {
  try {
    const identity = request ? await getRequestIdentity(request) : await getIdentity();
    return isLinkSessionLive(identity, intent.userId, intent.via);
  } catch {
    return false;
  }
}

async function completeLink(
  intent: LinkIntent,
  account: Account,
  request: NextRequest | undefined,
): Promise<string> {
  const context = await contextOf(request);
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

/**
 * The signIn callback: Auth.js has verified the provider's response (state, PKCE, nonce, ID token);
 * this decides what the result may do. Returning a path redirects there without signing in.
 */
async function decideSignIn(
  { user, account, profile }: { user: User; account?: Account | null; profile?: Profile },
  request: NextRequest | undefined,
): Promise<boolean | string> {
  if (!account || (account.type !== "oauth" && account.type !== "oidc")) return false;
  const provider = account.provider;
  const context = await contextOf(request);

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

/** The Auth.js configuration. `request` is present for /api/auth/* requests, absent for auth()/actions. */
export function createAuthConfig(request?: NextRequest): NextAuthConfig {
  return {
    adapter: createOAuthAdapter(),
    providers: authProviders(),
    secret: env.AUTH_SECRET,
    // Auth.js takes its origin from the Host header. Safe here: the server binds to loopback or sits
    // behind the host's proxy, and every provider checks redirect_uri against the registered APP_URL
    // one exactly, so a forged Host cannot receive a code.
    trustHost: true,
    useSecureCookies: usesSecureCookies(),
    // ASVS 7.1.x: server-side sessions, revocable by deleting the row; the cookie is an opaque id.
    session: { strategy: "database", maxAge: env.AUTH_SESSION_MAX_AGE, updateAge: 24 * 60 * 60 },
    pages: { signIn: SIGN_IN_PATH, error: ERROR_PATH },
    logger: {
      error: (error) => {
        const type = (error as { type?: string }).type;
        logger.warn("oauth: request failed", { type, reason: error.message });
      },
      warn: (code) => logger.warn("oauth: warning", { code }),
      debug: () => {},
    },
    callbacks: {
      signIn: (params) => decideSignIn(params, request),
      redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
      // What /api/auth/session returns to the browser: the user, never provider tokens.
      session: ({ session, user }) => ({
        expires: session.expires,
        user: { id: user.id, email: user.email, name: user.name ?? null, image: user.image ?? null },
      }),
    },
    events: {
      async signIn({ user, account, isNewUser }) {
        await recordAuditEvent({
          type: "sign_in.succeeded",
          mode: "oauth",
          userId: user.id ?? null,
          context: await contextOf(request),
          detail: { provider: account?.provider ?? "unknown", newUser: Boolean(isNewUser) },
        });
      },
      async createUser({ user }) {
        await recordAuditEvent({
          type: "user.signed_up",
          mode: "oauth",
          userId: user.id ?? null,
          context: await contextOf(request),
        });
      },
      async linkAccount({ user, account }) {
        await recordAuditEvent({
          type: "account.linked",
          mode: "oauth",
          userId: user.id ?? null,
          context: await contextOf(request),
          detail: { provider: account.provider, via: "sign_up" },
        });
      },
      async signOut(message) {
        const userId = "session" in message ? (message.session?.userId ?? null) : null;
        await recordAuditEvent({
          type: "sign_out",
          mode: "oauth",
          userId,
          context: await contextOf(request),
        });
      },
    },
  };
}
