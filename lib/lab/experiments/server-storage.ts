import "server-only";
import { db } from "@/lib/db";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { refreshTokenPair } from "@/lib/jwt/token-pair";
import { redisConfigured } from "@/lib/redis/client";
import { listUserSessions } from "@/lib/session/store";
import { type LabContext, signInJwt, signInOAuth, signInSession } from "../context";
import { measureRepeated } from "../measure";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

const REFRESHES = 3;

/** What the server holds for one user right now, counted in the stores themselves. */
async function countHeld(userId: string) {
  const [sessions, families, refreshTokens, oauthSessions] = await Promise.all([
    listUserSessions(userId),
    db.refreshTokenFamily.count({ where: { userId } }),
    db.refreshToken.count({ where: { userId } }),
    db.session.count({ where: { userId } }),
  ]);
  return { sessions: sessions.length, families, refreshTokens, oauthSessions };
}

async function run(lab: LabContext) {
  const store = redisConfigured() ? "Redis (one hash per session)" : "database (server_sessions rows)";
  const userId = lab.user.id;

  lab.step("Signing in with session mode");
  await signInSession(lab);
  const afterSession = await countHeld(userId);
  lab.step(`Counted ${afterSession.sessions} server session in the ${store}`);

  lab.step("Signing in with JWT mode");
  const jwt = await signInJwt(lab);
  const afterJwt = await countHeld(userId);
  lab.step(`Counted ${afterJwt.families} refresh family and ${afterJwt.refreshTokens} refresh token rows`);

  lab.step(`Refreshing the JWT ${REFRESHES} times (each use rotates the refresh token)`);
  let refreshToken = jwt.pair.refresh.token;
  for (let i = 0; i < REFRESHES; i++) {
    const rotated = await refreshTokenPair(refreshToken, lab.context);
    if (!rotated.ok) throw new Error(`lab: refresh failed (${rotated.reason})`);
    refreshToken = rotated.value.refresh.token;
  }
  const afterRefresh = await countHeld(userId);

  lab.step("Counting the store reads of one access-token check");
  const check = await measureRepeated(
    () => verifyAccessToken(jwt.pair.access.token, { skipDenyList: true, allowExpired: true }),
    5,
  );

  lab.step("Creating an Auth.js database session");
  await signInOAuth(lab);
  const afterOAuth = await countHeld(userId);

  const jwtRows = afterJwt.families + afterJwt.refreshTokens;
  const perRefresh = (afterRefresh.refreshTokens - afterJwt.refreshTokens) / REFRESHES;
  return {
    verdict: jwtRows > 0 ? "does_not_hold" : "holds",
    headline: `Per sign-in: session ${afterSession.sessions}, JWT ${jwtRows} (+${perRefresh} per refresh), Auth.js ${afterOAuth.oauthSessions}; an access-token check reads ${check.queries}`,
    measurements: [
      { label: "Session mode: server sessions", value: String(afterSession.sessions) },
      { label: "Where sessions live", value: store },
      { label: "JWT mode: refresh families", value: String(afterJwt.families) },
      { label: "JWT mode: refresh token rows after sign-in", value: String(afterJwt.refreshTokens) },
      {
        label: `JWT mode: refresh token rows after ${REFRESHES} refreshes`,
        value: String(afterRefresh.refreshTokens),
      },
      { label: "JWT mode: rows written per refresh", value: String(perRefresh) },
      { label: "JWT mode: store reads to verify an access token", value: String(check.queries) },
      { label: "Auth.js: auth_sessions rows", value: String(afterOAuth.oauthSessions) },
    ],
    data: { jwtRowsPerSignIn: String(jwtRows), accessTokenReads: String(check.queries) },
  } as const;
}

export const serverStorageExperiment: Experiment = {
  slug: "server-storage",
  number: 2,
  title: "Server storage",
  claim: "JWTs need no storage on the server; sessions need a row per signed-in user.",
  explanation: [
    "Half of it holds: checking an access token reads nothing, because the token carries its own claims and signature. But an access token alone cannot be ended early, so JWT mode here, like every JWT setup that can sign people out, pairs short-lived access tokens with refresh tokens the server stores and rotates (RFC 9700 §4.14): one family per sign-in and one row per refresh token, kept so that a reused token can be detected.",
    "Session mode stores one row per sign-in (or one Redis hash with REDIS_URL), and Auth.js one auth_sessions row. Stored state is what makes revocation, 'sign out everywhere' and a session list possible (ASVS 5.0 V7).",
    "Used refresh tokens stay until their family expires; npm run purge deletes expired rows.",
  ],
  standards: [STANDARDS.rfc9700, STANDARDS.asvsV7, STANDARDS.asvsV9],
  run,
};
