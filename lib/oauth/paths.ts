import "server-only";
import { safeRedirectPath } from "@/lib/security/redirect";

export const SIGN_IN_PATH = "/oauth/sign-in";
export const ERROR_PATH = "/oauth/error";
/** Where a sign-in lands when it was not asked to go anywhere (or asked to go somewhere unsafe). */
export const DEFAULT_AFTER_SIGN_IN = "/oauth/signed-in";

/** The error page for an Auth.js error code (Auth.js's own codes, or authlab's refusals). */
export function errorPath(code: string, provider?: string): string {
  const query = new URLSearchParams({ error: code, ...(provider ? { provider } : {}) });
  return `${ERROR_PATH}?${query}`;
}

/**
 * Auth.js's redirect callback: every post-sign-in/out destination (callbackUrl, redirectTo) goes
 * through the one decision, safeRedirectPath (ASVS 5.0 V10.x / RFC 9700 §4.11.2: no open
 * redirectors). An absolute URL on this exact origin counts as its path; anything else must be
 * a path itself.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  const path = url === origin ? "/" : url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return `${origin}${safeRedirectPath(path, DEFAULT_AFTER_SIGN_IN)}`;
}
