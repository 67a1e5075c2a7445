import "server-only";
import { verifyPasswordSignIn } from "@/lib/auth/credentials";
import { generateToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import type { Identity } from "@/lib/identity";
import { getRequestIdentity } from "@/lib/identity";
import { type Cookie, serializeCookie } from "@/lib/http/cookies";
import { accessCookie, refreshCookie } from "@/lib/jwt/cookies";
import { issueTokenPair, type TokenPair } from "@/lib/jwt/token-pair";
import { createOAuthAdapter } from "@/lib/oauth/adapter";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import type { RequestContext } from "@/lib/security/request";
import { signInWithPassword } from "@/lib/session/service";
import type { ThrowawayUser } from "./throwaway";

/** What an experiment gets: its user, the visitor's request context, and a step reporter. */
export type LabContext = {
  user: ThrowawayUser;
  context: RequestContext;
  /** Reports a step to the page as it happens. */
  step(label: string): void;
  /** Notes a server session the run made, so it is deleted at the end wherever it lives. */
  trackSession(id: string): void;
};

/** A cookie as the browser sends it (`name=value`) and its size in bytes. */
export type SentCookie = { header: string; bytes: number };

export function sentCookie(cookie: Cookie): SentCookie {
  // Encoded as lib/http/cookies.ts sends it, so the bytes are the ones on the wire.
  const header = `${cookie.name}=${encodeURIComponent(cookie.value)}`;
  return { header, bytes: Buffer.byteLength(header) };
}

/** Bytes of the Set-Cookie header the server sends for a cookie (attributes included). */
export function setCookieBytes(cookie: Cookie): number {
  return Buffer.byteLength(serializeCookie(cookie));
}

function credentials(lab: LabContext) {
  return { email: lab.user.email, password: lab.user.password };
}

/** Session mode's real sign-in (lib/session/service.ts): the cookie it sets and the row's id. */
export async function signInSession(lab: LabContext): Promise<{ cookie: Cookie; sessionId: string }> {
  const result = await signInWithPassword(credentials(lab), lab.context, undefined);
  if (!result.ok) throw new Error(`lab: session sign-in failed (${result.reason})`);
  lab.trackSession(result.value.session.id);
  return { cookie: result.value.cookie, sessionId: result.value.session.id };
}

/** JWT mode's real sign-in: the password check, then the token pair and the browser's cookies. */
export async function signInJwt(
  lab: LabContext,
): Promise<{ pair: TokenPair; access: Cookie; refresh: Cookie }> {
  const verified = await verifyPasswordSignIn(credentials(lab), lab.context, "jwt");
  if (!verified.ok) throw new Error(`lab: JWT sign-in failed (${verified.reason})`);
  const pair = await issueTokenPair(verified.value, lab.context);
  return {
    pair,
    access: accessCookie(pair.access.token, pair.refresh.expiresAt),
    refresh: refreshCookie(pair.refresh.token, pair.refresh.expiresAt),
  };
}

/**
 * An Auth.js database session for the user, written through authlab's Auth.js adapter with the
 * token authlab's Auth.js configuration makes (`generateSessionToken` in lib/oauth/config.ts: 256
 * random bits, base64url; the adapter stores only its SHA-256).
 * No provider round trip: the lab measures the session, not the provider.
 */
export async function signInOAuth(lab: LabContext): Promise<{ cookie: SentCookie; token: string }> {
  const token = generateToken();
  const expires = new Date(Date.now() + env.AUTH_SESSION_MAX_AGE * 1000);
  await createOAuthAdapter().createSession!({ sessionToken: token, userId: lab.user.id, expires });
  const header = `${oauthSessionCookieName()}=${token}`;
  return { cookie: { header, bytes: Buffer.byteLength(header) }, token };
}

/** A request to this app as a client would send it, with the given headers. */
export function labRequest(path: string, headers: Record<string, string>): Request {
  return new Request(new URL(path, env.APP_URL), { headers });
}

/** Who the app's own identity function sees on a request carrying these headers. */
export function identityWith(headers: Record<string, string>, path = "/api/me"): Promise<Identity> {
  return getRequestIdentity(labRequest(path, headers));
}
