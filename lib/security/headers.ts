import "server-only";
import { randomBytes } from "node:crypto";

/** A fresh nonce per response: 128 random bits, base64 (CSP3 nonce-source). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export type CspOptions = {
  nonce: string;
  /** React's development tooling evaluates code: 'unsafe-eval' then, and only then. */
  development: boolean;
  /** Origins a sign-in form may send the browser to (the providers' authorization endpoints). */
  formActionOrigins: readonly string[];
};

/**
 * The Content-Security-Policy of every response (ASVS 5.0 3.4.3): scripts run only with this
 * response's nonce, and whatever those load ('strict-dynamic'); no plugin content; no <base>;
 * never framed (clickjacking, 3.4.6); forms post only here or to a configured provider. Styles
 * keep 'unsafe-inline': React writes style attributes, which a nonce cannot cover, and CSS
 * cannot run script.
 */
export function contentSecurityPolicy({ nonce, development, formActionOrigins }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action ${["'self'", ...formActionOrigins].join(" ")}`,
  ].join("; ");
}

/**
 * HSTS once the app is served over https (ASVS 5.0 3.4.1: at least a year, subdomains too).
 * Plain-http loopback (development, the e2e server) gets none: browsers would remember it.
 */
export function strictTransportSecurity(appUrl: string): string | null {
  return new URL(appUrl).protocol === "https:" ? "max-age=31536000; includeSubDomains" : null;
}

/** Sets the CSP and HSTS on a response (the static baseline lives in next.config.ts). */
export function applySecurityHeaders(headers: Headers, csp: string, appUrl: string): void {
  headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(appUrl);
  if (hsts) headers.set("Strict-Transport-Security", hsts);
}
