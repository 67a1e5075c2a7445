import "server-only";
import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";
import type { Cookie } from "@/lib/http/cookies";
import { linkIntentCookieWith } from "./cookies";
import type { LinkSession } from "./link-access";

/**
 * Linking a provider to the signed-in user, whatever mode they signed in with: the Connections
 * page sets this cookie and starts the provider's sign-in; the signIn callback honours it. It is
 * signed (HS256, a key of its own derived from the newest AUTH_SECRET), httpOnly, lives five minutes and is
 * bound to one user, one provider and the stateful session that allowed it (lib/oauth/link-access.ts),
 * so it cannot link anything the user did not ask for, nor outlive that session's revocation.
 */
export type LinkIntent = { userId: string; provider: string; via: LinkSession };

export const LINK_INTENT_TTL_SECONDS = 5 * 60;
// v2: intents now name the session that allowed them; v1 values (no `via`) no longer verify.
const AUDIENCE = "authlab:oauth-link:v2";

function keyFrom(secret: string): Uint8Array {
  return createHmac("sha256", secret).update("authlab oauth link intent v1").digest();
}

export async function signLinkIntent(intent: LinkIntent): Promise<string> {
  return new SignJWT({ provider: intent.provider, via: intent.via })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(intent.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LINK_INTENT_TTL_SECONDS}s`)
    .sign(keyFrom(env.AUTH_SECRET));
}

/** The intent if the value verifies and names `provider`; null otherwise (never throws). */
export async function verifyLinkIntent(
  value: string | undefined,
  provider: string,
): Promise<LinkIntent | null> {
  if (!value) return null;
  // Signed with the newest AUTH_SECRET; any listed one verifies (rotation, ASVS 13.3.4).
  for (const secret of env.secretLists.AUTH_SECRET) {
    const intent = await verifyWith(keyFrom(secret), value, provider);
    if (intent) return intent;
  }
  return null;
}

async function verifyWith(key: Uint8Array, value: string, provider: string): Promise<LinkIntent | null> {
  try {
    const { payload } = await jwtVerify(value, key, { algorithms: ["HS256"], audience: AUDIENCE });
    if (typeof payload.sub !== "string" || payload.provider !== provider) return null;
    const via = payload.via as Partial<LinkSession> | undefined;
    if ((via?.mode !== "session" && via?.mode !== "oauth") || typeof via.sessionId !== "string") return null;
    return { userId: payload.sub, provider, via: { mode: via.mode, sessionId: via.sessionId } };
  } catch {
    return null;
  }
}

/** The cookie that carries a signed intent, for as long as the intent is valid. */
export function linkIntentCookie(value: string): Cookie {
  return linkIntentCookieWith(value, LINK_INTENT_TTL_SECONDS);
}
