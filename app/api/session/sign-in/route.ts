import { NextResponse } from "next/server";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/credentials";
import { signInSchema } from "@/lib/auth/validation";
import { refuseCrossSite, readJson } from "@/lib/http/guard";
import { jsonError } from "@/lib/http/json";
import { requestContextFrom } from "@/lib/security/request";
import { rateLimitedResponse, sessionCookieOf, withCookie } from "@/lib/session/http";
import { signInWithPassword } from "@/lib/session/service";

/** JSON sign-in for session mode (the pages use a server action with the same core). */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const body = await readJson(request, signInSchema);
  if (!body.ok) return body.response;

  const result = await signInWithPassword(
    body.data,
    requestContextFrom(request.headers),
    sessionCookieOf(request),
  );
  if (!result.ok) {
    return result.code === "rate_limited"
      ? rateLimitedResponse(result.retryAfterSeconds)
      : jsonError(401, "invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
  }
  const { user, session, cookie } = result.started;
  return withCookie(
    NextResponse.json({ user, session }, { headers: { "Cache-Control": "no-store" } }),
    cookie,
  );
}
