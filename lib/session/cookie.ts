import "server-only";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import { env } from "@/lib/env";
import { RememberedResults } from "@/lib/crypto/remembered";
import { type Cookie, type CookieAttributes, defineCookie } from "@/lib/http/cookies";
import { timeCrypto } from "@/lib/timing";

/**
 * Session mode's cookie. Over https it is `__Host-`: pinned to this host, path `/` and HTTPS
 * (ASVS 3.3.1, lib/http/cookies.ts); HttpOnly keeps it from scripts; Lax blocks it on cross-site
 * POSTs (ASVS 3.3.2).
 */
const sessionCookie = defineCookie("authlab-session", { path: "/", sameSite: "lax" });

export function sessionCookieName(): string {
  return sessionCookie.name();
}

export function sessionCookieAttributes(maxAgeSeconds: number): CookieAttributes {
  return sessionCookie.attributes(maxAgeSeconds);
}

/** The cookie that carries a sealed session token. */
export function sessionCookieWith(sealed: string, maxAgeSeconds: number): Cookie {
  return sessionCookie.withValue(sealed, maxAgeSeconds);
}

/** Removes the session cookie: same name and attributes, empty value, expired. */
export function clearedSessionCookie(): Cookie {
  return sessionCookie.cleared();
}

// The sealed payload is the random token and nothing else: no user id, no roles, nothing a
// client could misuse even if the seal were opened (ASVS 7.2.1: the server decides).
const payloadSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** Seals the token for the cookie; the seal expires with the session's absolute lifetime. */
export async function sealSessionToken(token: string, ttlSeconds: number): Promise<string> {
  return sealData({ token }, { password: env.SESSION_SECRET, ttl: ttlSeconds });
}

// iron's seal, exactly as iron-session writes it: prefix, password id, salt, IV, ciphertext,
// expiry, HMAC salt, HMAC, then iron-session's unauthenticated "~2" format suffix. Anything else
// (including a mangled suffix iron-session would shrug off) is refused before any crypto runs.
const SEAL_FORMAT =
  /^Fe26\.2\*\d{1,3}\*[0-9a-f]{64}\*[A-Za-z0-9_-]{22}\*[A-Za-z0-9_-]{1,600}\*\d{13}\*[0-9a-f]{64}\*[A-Za-z0-9_-]{43}~2$/;

/** True when a cookie value has the shape of a seal (no crypto: a cheap first filter). */
export function isSealShaped(value: string | undefined | null): value is string {
  return Boolean(value) && value!.length <= 1024 && SEAL_FORMAT.test(value!);
}

// Cookies this process has unsealed, until the seal's own expiry: the unseal is a pure function
// of the cookie and SESSION_SECRET, and the session row is still read on every request, so a
// remembered unseal can never outlive a revocation (docs/benchmarks.md). Bounded; only seals
// that opened are remembered, so forged cookies cannot fill it.
const unsealed = new RememberedResults<string>(10_000);

/** The seal's expiry (epoch ms), the sixth field iron writes. */
function sealExpiry(value: string): number {
  return Number(value.split("*")[5]);
}

/** The token inside a cookie value, or null for anything tampered, truncated, expired or foreign. */
export async function unsealSessionToken(value: string | undefined | null): Promise<string | null> {
  if (!isSealShaped(value)) return null;
  const known = unsealed.get(value);
  if (known) return known;
  try {
    const data = await timeCrypto(() => unsealData<unknown>(value, { password: env.SESSION_SECRET }));
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return null;
    unsealed.set(value, parsed.data.token, sealExpiry(value));
    return parsed.data.token;
  } catch {
    return null;
  }
}
