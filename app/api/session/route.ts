import { NextResponse } from "next/server";
import { getRequestIdentity } from "@/lib/identity";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { sessionCookieOf, signedOutResponse, withCookie } from "@/lib/session/http";

export const dynamic = "force-dynamic";

/** The caller's session-mode session, or 401. A cookie that does not verify is cleared. */
export async function GET(request: Request): Promise<Response> {
  const session = (await getRequestIdentity(request)).modes.session;
  if (!session) {
    const response = signedOutResponse();
    return sessionCookieOf(request) === undefined ? response : withCookie(response, clearedSessionCookie());
  }
  const credential = session.credential;
  return NextResponse.json(
    {
      user: session.user,
      session: credential.session,
      cookie: { name: credential.cookieName, bytes: credential.cookieBytes },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
