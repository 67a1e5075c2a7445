import { StoreUnavailableError } from "@/lib/db/errors";
import { appendCookies } from "@/lib/http/cookies";
import { jsonError, jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { getRequestIdentity } from "@/lib/identity";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { sessionCookieOf } from "@/lib/session/http";

export const dynamic = "force-dynamic";

/** The caller's session-mode session, or 401. A cookie that does not verify is cleared. */
export const GET = route("session", async (request) => {
  const identity = await getRequestIdentity(request);
  const session = identity.modes.session;
  if (!session) {
    // A cookie that could not be checked is kept: the store is down, not the cookie.
    if (identity.unavailable.includes("session")) throw new StoreUnavailableError();
    const response = jsonError(401, "unauthenticated", "Sign in with session mode first.");
    return sessionCookieOf(request) === undefined
      ? response
      : appendCookies(response, clearedSessionCookie());
  }
  const credential = session.credential;
  return jsonOk({
    user: session.user,
    session: credential.session,
    cookie: { name: credential.cookieName, bytes: credential.cookieBytes },
  });
});
