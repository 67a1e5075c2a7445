import type { NextRequest } from "next/server";
import { serializeCookie } from "@/lib/http/cookies";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { route } from "@/lib/http/route";
import { clearedLinkIntentCookie, linkIntentCookieName } from "@/lib/oauth/cookies";
import { handlers } from "@/lib/oauth";
import { oauthCredentialsHeld } from "@/lib/oauth/sessions";

/**
 * Auth.js catches adapter errors on these two endpoints: with the store down, /session answers
 * 200 `null` ("signed out") and /signout clears the cookie while the row stays live. The session
 * the cookie names is read first, so an outage becomes the wrapper's 503 instead.
 */
const READS_SESSION = new Set(["/api/auth/session", "/api/auth/signout"]);

async function checkStore(request: Request): Promise<void> {
  if (READS_SESSION.has(new URL(request.url).pathname)) {
    await oauthCredentialsHeld(sourceFromRequest(request));
  }
}

// Auth.js's endpoints: sign-in, callback, sign-out, session, CSRF token, providers. Auth.js
// answers its own errors (redirects to /oauth/error); the wrapper catches what escapes it.
export const GET = route("auth.js", async (request) => {
  const nextRequest = request as NextRequest;
  await checkStore(nextRequest);
  const response = await handlers.GET(nextRequest);
  // A link intent is single-use: whatever the callback decided, it is spent.
  if (
    nextRequest.nextUrl.pathname.startsWith("/api/auth/callback/") &&
    nextRequest.cookies.has(linkIntentCookieName())
  ) {
    // Copied: Response.redirect() (Auth.js's error path) has immutable headers.
    const headers = new Headers(response.headers);
    headers.append("Set-Cookie", serializeCookie(clearedLinkIntentCookie()));
    return new Response(response.body, { status: response.status, headers });
  }
  return response;
});

export const POST = route("auth.js", async (request) => {
  await checkStore(request);
  return handlers.POST(request as NextRequest);
});
