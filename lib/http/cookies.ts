import "server-only";
import { env } from "@/lib/env";

// Every cookie authlab reads or writes, in every mode, goes through this module: one parser, one
// attribute type, one rule for Secure and the name prefixes, one serializer, one clear form.
// Each mode defines its cookies (names, path, SameSite) once, in its own folder.

/**
 * The one rule for `Secure` and the `__Host-`/`__Secure-` prefixes (ASVS 3.3.1, RFC 6265bis
 * §4.1.3), for session, JWT, Auth.js and the link intent alike: cookies are Secure exactly when
 * APP_URL, the origin browsers use, is https. Secure is a property of the transport, which
 * NODE_ENV does not know: a production build served on http://localhost (`npm start`, the e2e
 * server) would set Secure cookies that not every browser accepts there. Auth.js follows the
 * same rule (`useSecureCookies`), so its cookies and authlab's always agree, and lib/env.ts
 * refuses a production APP_URL over plain http on any host but loopback.
 */
export function usesSecureCookies(): boolean {
  return new URL(env.APP_URL).protocol === "https:";
}

export type CookieAttributes = {
  /** Every authlab cookie carries a credential or its state: never readable by scripts. */
  httpOnly: true;
  secure: boolean;
  sameSite: "lax" | "strict";
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
};

/** A cookie to set on a response (or, cleared, to delete). */
export type Cookie = { name: string; value: string; attributes: CookieAttributes };

type CookiePrefix = "__Host-" | "__Secure-";

export type CookieDefinition = {
  /** The name the browser holds it under (prefixed when cookies are Secure). */
  name(): string;
  attributes(maxAgeSeconds: number): CookieAttributes;
  /** This cookie holding `value` for `maxAgeSeconds` (negative counts as 0). */
  withValue(value: string, maxAgeSeconds: number): Cookie;
  /**
   * Its deletion: same name, path and flags, empty and expired. A prefixed cookie is only
   * replaced by one that satisfies the prefix, so the clear form must match the set form.
   */
  cleared(): Cookie;
};

/**
 * Defines one cookie of a mode. When cookies are Secure the name gets `__Host-` for Path=/
 * (pinned to this origin: Secure, no Domain, whole site) and `__Secure-` for a narrower path,
 * which `__Host-` forbids; `prefix` overrides that for a name a library chose (Auth.js).
 */
export function defineCookie(
  baseName: string,
  options: { path: string; sameSite: "lax" | "strict"; prefix?: CookiePrefix },
): CookieDefinition {
  const prefix = options.prefix ?? (options.path === "/" ? "__Host-" : "__Secure-");
  const name = () => (usesSecureCookies() ? `${prefix}${baseName}` : baseName);
  const attributes = (maxAgeSeconds: number): CookieAttributes => ({
    httpOnly: true,
    secure: usesSecureCookies(),
    sameSite: options.sameSite,
    path: options.path,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
  const withValue = (value: string, maxAgeSeconds: number): Cookie => ({
    name: name(),
    value,
    attributes: attributes(maxAgeSeconds),
  });
  return { name, attributes, withValue, cleared: () => withValue("", 0) };
}

/**
 * The Set-Cookie value, for responses built by hand; Next's cookie stores write the same
 * attributes for the same Cookie. The value is URI-encoded as Next encodes it, and the lifetime
 * is Max-Age alone, which takes precedence over Expires (RFC 6265 §5.3).
 */
export function serializeCookie({ name, value, attributes }: Cookie): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${attributes.path}`,
    `Max-Age=${attributes.maxAge}`,
    "HttpOnly",
    `SameSite=${attributes.sameSite === "lax" ? "Lax" : "Strict"}`,
  ];
  if (attributes.secure) parts.push("Secure");
  return parts.join("; ");
}

/** Next's cookie stores: `await cookies()` in server actions, `NextResponse#cookies` elsewhere. */
type CookieStore = { set(name: string, value: string, attributes: CookieAttributes): unknown };

export function setCookies(store: CookieStore, ...cookies: Cookie[]): void {
  for (const cookie of cookies) store.set(cookie.name, cookie.value, cookie.attributes);
}

/** Adds Set-Cookie headers to a Response built by hand (its headers must be mutable). */
export function appendCookies<R extends Response>(response: R, ...cookies: Cookie[]): R {
  for (const cookie of cookies) response.headers.append("Set-Cookie", serializeCookie(cookie));
  return response;
}

/**
 * The cookies of a Cookie header, decoded as Next's own `cookies()` decodes them. When a name
 * repeats, the first wins (browsers send the most specific path first). Route handlers called
 * with a plain Request, and the identity readers, all parse cookies here.
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (jar.has(name)) continue;
    let value = part.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Undecodable values are kept raw; each mode's own validation rejects them.
    }
    jar.set(name, value);
  }
  return jar;
}

/** One cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  return parseCookieHeader(header).get(name);
}
