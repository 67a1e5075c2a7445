import "server-only";
import { createHash } from "node:crypto";
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

/**
 * The iron password id of a SESSION_SECRET entry, derived from the secret itself, so it is the
 * same whatever else is listed and in whatever order: a seal names the secret that made it, and
 * unsealing looks that one up instead of trying each. Nine digits (iron-session picks the
 * sealing password by the largest numeric id, so ids are numbers); never 1, the id every seal
 * carried before SESSION_SECRET could list several. Two secrets colliding (about 1 in 10^9)
 * would only sign out the sessions sealed by the older one.
 */
function passwordId(secret: string): string {
  const digest = createHash("sha256").update(`authlab session secret id\0${secret}`).digest();
  return String(100_000_000 + (digest.readUInt32BE(0) % 900_000_000));
}

/** Every listed SESSION_SECRET by its id; id 1 is the oldest (cookies sealed before lists). */
function unsealingPasswords(): Record<string, string> {
  const list = env.secretLists.SESSION_SECRET;
  const passwords: Record<string, string> = { 1: list.at(-1)! };
  for (const secret of [...list].reverse()) passwords[passwordId(secret)] = secret;
  return passwords;
}

/** Seals the token for the cookie with the newest SESSION_SECRET; the seal expires after ttl. */
export async function sealSessionToken(token: string, ttlSeconds: number): Promise<string> {
  const newest = env.SESSION_SECRET;
  return sealData({ token }, { password: { [passwordId(newest)]: newest }, ttl: ttlSeconds });
}

// iron's seal, exactly as iron-session writes it: prefix, password id, salt, IV, ciphertext,
// expiry, HMAC salt, HMAC, then iron-session's unauthenticated "~2" format suffix. Anything else
// (including a mangled suffix iron-session would shrug off) is refused before any crypto runs.
const SEAL_FORMAT =
  /^Fe26\.2\*(1|\d{9})\*[0-9a-f]{64}\*[A-Za-z0-9_-]{22}\*[A-Za-z0-9_-]{1,600}\*(\d{13})\*[0-9a-f]{64}\*[A-Za-z0-9_-]{43}~2$/;

/** True when a cookie value has the shape of a seal (no crypto: a cheap first filter). */
export function isSealShaped(value: string | undefined | null): value is string {
  return Boolean(value) && value!.length <= 1024 && SEAL_FORMAT.test(value!);
}

type OpenedSessionCookie = {
  token: string;
  /** False when an older SESSION_SECRET sealed it (ASVS 13.3.4: re-sealed on the next request). */
  sealedWithNewest: boolean;
  /** When the seal expires (ms). */
  expiresAt: number;
};

// Cookies this process has unsealed, until the seal's own expiry: the unseal is a pure function
// of the cookie and the SESSION_SECRET list, and the session row is still read on every request,
// so a remembered unseal can never outlive a revocation (docs/benchmarks.md). Bounded; only
// seals that opened are remembered, so forged cookies cannot fill it. Tied to the list it was
// made under: settings read anew (tests do) start it afresh.
const opened = new RememberedResults<OpenedSessionCookie>(10_000);
let openedUnder: readonly string[] | undefined;

function openedCookies(): RememberedResults<OpenedSessionCookie> {
  const list = env.secretLists.SESSION_SECRET;
  if (list !== openedUnder) {
    opened.clear();
    openedUnder = list;
  }
  return opened;
}

/** The cookie's token and how it was sealed, or null for anything tampered, expired or foreign. */
async function openSessionCookie(value: string | undefined | null): Promise<OpenedSessionCookie | null> {
  const format = value && value.length <= 1024 ? SEAL_FORMAT.exec(value) : null;
  if (!value || !format) return null;
  const known = openedCookies().get(value);
  if (known) return known;
  try {
    const data = await timeCrypto(() => unsealData<unknown>(value, { password: unsealingPasswords() }));
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return null;
    const result = {
      token: parsed.data.token,
      sealedWithNewest: format[1] === passwordId(env.SESSION_SECRET),
      expiresAt: Number(format[2]),
    };
    openedCookies().set(value, result, result.expiresAt);
    return result;
  } catch {
    return null;
  }
}

/** The token inside a cookie value, or null for anything tampered, truncated, expired or foreign. */
export async function unsealSessionToken(value: string | undefined | null): Promise<string | null> {
  return (await openSessionCookie(value))?.token ?? null;
}

/**
 * For proxy.ts, on every request that carries a session cookie: a cookie that does not unseal is
 * cleared; one sealed with an older SESSION_SECRET is sealed again with the newest, same token,
 * same expiry, so a secret can leave the list once its cookies have been seen (or expired)
 * without signing anyone out. Only on GET: a POST may set the session cookie itself (sign-in,
 * sign-out), and two Set-Cookie headers for one name would race. Null: leave the cookie as it is.
 */
export async function sessionCookieUpdate(value: string | undefined, method: string): Promise<Cookie | null> {
  if (value === undefined) return null;
  const opened = await openSessionCookie(value);
  if (!opened) return clearedSessionCookie();
  // The cookie ends a minute before its seal, as when it was set.
  const cookieSeconds = Math.floor((opened.expiresAt - Date.now()) / 1000) - 60;
  if (opened.sealedWithNewest || method !== "GET" || cookieSeconds <= 0) return null;
  return sessionCookieWith(await sealSessionToken(opened.token, cookieSeconds + 60), cookieSeconds);
}
