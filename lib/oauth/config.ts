import "server-only";
import type { NextRequest } from "next/server";
import type { NextAuthConfig } from "next-auth";
import { generateToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { usesSecureCookies } from "@/lib/http/cookies";
import { logger } from "@/lib/log";
import { createOAuthAdapter } from "./adapter";
import { authJsCookieNames } from "./cookies";
import { oauthAuditEvents } from "./events";
import { ERROR_PATH, sameOriginRedirect, SIGN_IN_PATH } from "./paths";
import { authProviders } from "./providers";
import { decideSignIn } from "./sign-in-policy";

/** The Auth.js configuration. `request` is present for /api/auth/* requests, absent for auth()/actions. */
export function createAuthConfig(request?: NextRequest): NextAuthConfig {
  return {
    adapter: createOAuthAdapter(request),
    providers: authProviders(),
    // ASVS 13.3.4: every listed AUTH_SECRET, newest first; Auth.js encrypts with the first and
    // tries each to decrypt, so rotating it breaks no sign-in in progress.
    secret: [...env.secretLists.AUTH_SECRET],
    // Auth.js takes its origin from the Host header. Safe here: the server binds to loopback or sits
    // behind the host's proxy (on Vercel, the edge routes only the project's own domains, which is
    // what lets a preview sign in on its own URL), and every provider checks redirect_uri against
    // the registered one exactly, so a forged Host cannot receive a code.
    trustHost: true,
    // The one rule for Secure and the cookie prefixes, shared with every authlab cookie.
    useSecureCookies: usesSecureCookies(),
    cookies: authJsCookieNames(),
    // ASVS 7.1.x: server-side sessions, revocable by deleting the row; the cookie is an opaque id.
    // ASVS 7.2.3: 256 CSPRNG bits like every authlab token (Auth.js's default, a UUID, has 122);
    // the adapter stores only its SHA-256.
    session: {
      strategy: "database",
      maxAge: env.AUTH_SESSION_MAX_AGE,
      updateAge: 24 * 60 * 60,
      generateSessionToken: () => generateToken(),
    },
    pages: { signIn: SIGN_IN_PATH, error: ERROR_PATH },
    logger: {
      error: (error) => {
        const type = (error as { type?: string }).type;
        logger.warn("oauth: request failed", { type, reason: error.message });
      },
      warn: (code) => logger.warn("oauth: warning", { code }),
      debug: () => {},
    },
    callbacks: {
      signIn: (params) => decideSignIn(params, request),
      redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
      // What /api/auth/session returns to the browser: the user, never provider tokens.
      session: ({ session, user }) => ({
        expires: session.expires,
        user: { id: user.id, email: user.email, name: user.name ?? null, image: user.image ?? null },
      }),
    },
    events: oauthAuditEvents(request),
  };
}
