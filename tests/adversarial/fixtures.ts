// The signed-in state the hostile inputs are aimed at: one user holding a credential of every
// mode, and a second user whose session ids must stay out of the first one's reach.
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { sessionCookieName } from "@/lib/session/cookie";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  TEST_PASSWORD,
  testContext,
} from "@/tests/support/factories";
import { neverReveal } from "./harness";

export type Fixtures = Awaited<ReturnType<typeof signedInEverywhere>>;

/**
 * Made fresh for each group of cases (a session's idle expiry slides once a minute, which is
 * a write: a group's cases run well inside that minute).
 */
export async function signedInEverywhere() {
  const user = await createPasswordUser();
  const session = await signInSessionUser(user);
  const pair = await issueTokenPair(user, testContext("adversarial"));
  const oauth = await createOAuthSession(user.id);
  const other = await signInSessionUser(await createPasswordUser());
  const names = {
    session: sessionCookieName(),
    access: jwtCookieNames().access,
    refresh: jwtCookieNames().refresh,
    oauth: oauthSessionCookieName(),
  };
  const fixtures = {
    user,
    names,
    seal: session.cookie.value,
    sessionId: session.session.id,
    otherSessionId: other.session.id,
    access: pair.access.token,
    refresh: pair.refresh.token,
    oauthToken: oauth.sessionToken,
    cookies: {
      session: session.cookieHeader,
      access: `${names.access}=${pair.access.token}`,
      refresh: `${names.refresh}=${pair.refresh.token}`,
      oauth: oauth.cookieHeader,
    },
  };
  neverReveal(
    fixtures.seal,
    other.cookie.value,
    fixtures.access,
    fixtures.refresh,
    fixtures.oauthToken,
    TEST_PASSWORD,
    ...["SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET", "CRON_SECRET"].flatMap((name) =>
      (process.env[name] ?? "").split(","),
    ),
  );
  return fixtures;
}
