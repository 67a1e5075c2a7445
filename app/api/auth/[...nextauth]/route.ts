import type { NextRequest } from "next/server";
import { serializeCookie } from "@/lib/http/cookies";
import { clearedLinkIntentCookie, linkIntentCookieName } from "@/lib/oauth/cookies";
import { handlers } from "@/lib/oauth";

// Auth.js's endpoints: sign-in, callback, sign-out, session, CSRF token, providers.
export async function GET(request: NextRequest): Promise<Response> {
  const response = await handlers.GET(request);
  // A link intent is single-use: whatever the callback decided, it is spent.
  if (
    request.nextUrl.pathname.startsWith("/api/auth/callback/") &&
    request.cookies.has(linkIntentCookieName())
  ) {
    // Copied: Response.redirect() (Auth.js's error path) has immutable headers.
    const headers = new Headers(response.headers);
    headers.append("Set-Cookie", serializeCookie(clearedLinkIntentCookie()));
    return new Response(response.body, { status: response.status, headers });
  }
  return response;
}

export async function POST(request: NextRequest): Promise<Response> {
  return handlers.POST(request);
}
