import { NextResponse } from "next/server";
import { getRequestIdentity } from "@/lib/identity";
import { route } from "@/lib/http/route";
import { StoreUnavailableError } from "@/lib/db/errors";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { sessionCookieOf, withCookie } from "@/lib/session/http";

export const dynamic = "force-dynamic";

/** The caller's session-mode session, or 401. A cookie that does not verify is cleared. */
export const GET = route("session", async (request) => {
  const identity = await getRequestIdentity(request);
  const session = identity.modes.session;
  if (!session) {
    // A cookie that could not be checked is kept: the store is down, not the cookie.
    if (identity.unavailable.includes("session")) throw new StoreUnavailableError();
    const response = NextResponse.json(
      { error: { code: "unauthenticated", message: "Sign in with session mode first." } },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
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
});
