import "server-only";
import { type Cookie, defineCookie } from "@/lib/http/cookies";

// OAuth mode's cookies. Auth.js names and sets its own (Auth.js's `useSecureCookies` follows the
// same Secure rule as every authlab cookie, lib/http/cookies.ts); its session cookie is defined
// here once for the readers.

/** The Auth.js database-session cookie: Auth.js's own name, `__Secure-` over https. */
const oauthSession = defineCookie("authjs.session-token", {
  path: "/",
  sameSite: "lax",
  prefix: "__Secure-",
});

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
