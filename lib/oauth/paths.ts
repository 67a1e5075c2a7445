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
