import "server-only";
import { type Cookie, defineCookie, usesSecureCookies } from "@/lib/http/cookies";

// OAuth mode's cookies. Auth.js sets its own (Auth.js's `useSecureCookies` follows the same
// Secure rule as every authlab cookie, lib/http/cookies.ts), under the names given here; its
// session cookie is defined here once for the readers.

/** The Auth.js database-session cookie: Auth.js's own name, `__Host-` over https (below). */
const oauthSession = defineCookie("authjs.session-token", { path: "/", sameSite: "lax" });

/** Every cookie Auth.js sets (its CookiesOptions keys), each on Path=/ with no Domain. */
const AUTHJS_COOKIES = {
  sessionToken: "authjs.session-token",
  callbackUrl: "authjs.callback-url",
  csrfToken: "authjs.csrf-token",
  pkceCodeVerifier: "authjs.pkce.code_verifier",
  state: "authjs.state",
  nonce: "authjs.nonce",
  webauthnChallenge: "authjs.challenge",
} as const;

/**
 * Auth.js's `cookies` option: over https every one of its cookies is `__Host-` (Auth.js's default
 * is `__Secure-`, which a sibling subdomain or a Domain attribute could still shadow), so they are
 * pinned to this origin like every other authlab cookie (ASVS 5.0 3.3.1, RFC 6265bis §4.1.3.2).
 * Only the names change: Auth.js merges its own attributes (HttpOnly, SameSite, Path=/, Secure).
 */
export function authJsCookieNames(): Partial<
  Record<keyof typeof AUTHJS_COOKIES, { name: string; options: object }>
> {
  if (!usesSecureCookies()) return {};
  return Object.fromEntries(
    Object.entries(AUTHJS_COOKIES).map(([key, name]) => [key, { name: `__Host-${name}`, options: {} }]),
  );
}

/**
 * authlab's short-lived "link this provider to me" cookie (lib/oauth/link-intent.ts). Lax: it
 * must ride along on the provider's top-level redirect back to the callback.
 */
const linkIntent = defineCookie("authlab.oauth-link", { path: "/", sameSite: "lax" });

export function oauthSessionCookieName(): string {
  return oauthSession.name();
}

export function linkIntentCookieName(): string {
  return linkIntent.name();
}

export function linkIntentCookieWith(signedIntent: string, maxAgeSeconds: number): Cookie {
  return linkIntent.withValue(signedIntent, maxAgeSeconds);
}

/** Removes the intent: it is single-use, spent by the callback whatever it decided. */
export function clearedLinkIntentCookie(): Cookie {
  return linkIntent.cleared();
}
