import type { NextRequest } from "next/server";
import { serializeCookie } from "@/lib/http/cookies";
import { route } from "@/lib/http/route";
import { clearedLinkIntentCookie, linkIntentCookieName } from "@/lib/oauth/cookies";
import { handlers } from "@/lib/oauth";

// Auth.js's endpoints: sign-in, callback, sign-out, session, CSRF token, providers. Auth.js
// answers its own errors (redirects to /oauth/error); the wrapper catches what escapes it.
export const GET = route("auth.js", async (request) => {
  const nextRequest = request as NextRequest;
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

export const POST = route("auth.js", async (request) => handlers.POST(request as NextRequest));
