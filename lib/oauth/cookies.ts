import "server-only";
import { env } from "@/lib/env";

/**
 * Secure cookies follow APP_URL, not each request: over https (every real deployment) Auth.js's
 * cookies get the `__Secure-`/`__Host-` prefixes (ASVS 3.3.1, 3.3.3); on http://localhost (dev and
 * the e2e build) browsers would drop Secure cookies' prefixes' guarantees anyway.
 */
export function usesSecureCookies(): boolean {
  return new URL(env.APP_URL).protocol === "https:";
}

/** The Auth.js database-session cookie (Auth.js's own naming; defined here once for readers). */
export function oauthSessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}authjs.session-token`;
}

/** authlab's short-lived "link this provider to me" cookie (lib/oauth/link-intent.ts). */
export function linkIntentCookieName(): string {
  return `${usesSecureCookies() ? "__Host-" : ""}authlab.oauth-link`;
}
