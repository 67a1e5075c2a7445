import "server-only";
import { env } from "@/lib/env";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { endBrowserSignIn } from "@/lib/identity/sign-out";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { signOutWithAccessToken } from "@/lib/jwt/token-pair";
import { endOAuthSession } from "@/lib/oauth/sessions";
import {
  identityWith,
  type LabContext,
  labRequest,
  sentCookie,
  signInJwt,
  signInOAuth,
  signInSession,
} from "../context";
import { formatMs, measureRepeated } from "../measure";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

const answer = (accepted: boolean) => (accepted ? "accepted" : "refused");

async function run(lab: LabContext) {
  lab.step("Signing in three times: session, Auth.js and JWT, as three separate browsers");
  const session = sentCookie((await signInSession(lab)).cookie).header;
  const oauth = (await signInOAuth(lab)).cookie.header;
  // JWT last and replayed at once: its lifetime (JWT_ACCESS_TTL) may be only seconds.
  const jwt = await signInJwt(lab);
  const jwtCookie = sentCookie(jwt.access).header;

  lab.step("Checking each credential with the app's identity function before signing out");
  const check = async () => ({
    jwt: Boolean((await identityWith({ cookie: jwtCookie })).modes.jwt),
    session: Boolean((await identityWith({ cookie: session })).modes.session),
    oauth: Boolean((await identityWith({ cookie: oauth })).modes.oauth),
  });
  const before = await check();
  if (!before.session || !before.jwt || !before.oauth) throw new Error("lab: a fresh sign-in was refused");

  lab.step("Signing out in each mode through its own sign-out code");
  await signOutWithAccessToken(jwt.pair.access.token, lab.context);
  await endBrowserSignIn(
    sourceFromRequest(labRequest("/api/session/sign-out", { cookie: session })),
    lab.context,
  );
  await endOAuthSession(sourceFromRequest(labRequest("/oauth/signed-in", { cookie: oauth })), lab.context);

  lab.step("Replaying each old credential against /api/me's identity check");
  const after = await check();
  const secondsLeft = Math.max(0, Math.round((jwt.pair.access.expiresAt.getTime() - Date.now()) / 1000));
  if (!after.jwt && !env.JWT_DENYLIST) {
    // Refused for its age, not for the sign-out: no verdict can be drawn from that.
    throw new Error("lab: the access token expired before it could be replayed");
  }

  lab.step("Checking the same JWT with the deny-list consulted, and timing both checks");
  // allowExpired: the lifetime may be seconds; the deny-list read is what is measured.
  const listed = { forceDenyList: true, allowExpired: true };
  const denied = await verifyAccessToken(jwt.pair.access.token, listed);
  const withList = await measureRepeated(() => verifyAccessToken(jwt.pair.access.token, listed));
  const without = await measureRepeated(() =>
    verifyAccessToken(jwt.pair.access.token, { skipDenyList: true, allowExpired: true }),
  );

  const jwtStillWorks = after.jwt;
  const headline = jwtStillWorks
    ? `Session: refused at once. JWT accepted after sign-out: yes, for ${secondsLeft} s. Auth.js: refused at once`
    : `Session: refused at once. JWT accepted after sign-out: no (the deny-list is on). Auth.js: refused at once`;
  return {
    verdict: jwtStillWorks && !after.session && !after.oauth ? "holds" : "does_not_hold",
    headline,
    measurements: [
      { label: "Session cookie after sign-out", value: answer(after.session) },
      { label: "JWT access token after sign-out", value: answer(after.jwt) },
      { label: "JWT lifetime left when replayed", value: jwtStillWorks ? `${secondsLeft} s` : "none" },
      { label: "Auth.js session cookie after sign-out", value: answer(after.oauth) },
      { label: "Deny-list on this server (JWT_DENYLIST)", value: env.JWT_DENYLIST ? "on" : "off" },
      { label: "Same JWT with the deny-list consulted", value: answer(denied.ok) },
      {
        label: "JWT check without the deny-list",
        value: `${formatMs(without.ms)}, ${without.queries} store reads`,
      },
      {
        label: "JWT check with the deny-list",
        value: `${formatMs(withList.ms)}, ${withList.queries} store read`,
      },
    ],
    data: { secondsLeft: String(secondsLeft), jwtAfterSignOut: answer(after.jwt) },
  } as const;
}

export const logoutExperiment: Experiment = {
  slug: "logout",
  number: 1,
  title: "Logout",
  claim: "Signing out ends a session at once, but a JWT keeps working until it expires.",
  explanation: [
    "A session cookie names a row on the server; sign-out revokes the row, so the very next check of a copied cookie fails (ASVS 5.0 7.4.1). The same holds for Auth.js's database sessions.",
    "A JWT is checked by its signature and its exp claim alone. Sign-out here revokes the refresh family (so no new access token can be minted) and writes the token's jti to a deny-list, but with JWT_DENYLIST off nobody reads that list: a copy of the access token keeps working for the rest of its lifetime (5 minutes by default).",
    "Turning the deny-list on refuses the copy at once, at the price of one indexed read (or one Redis round trip) per request: exactly the lookup a JWT was meant to save. Short lifetimes are the usual compromise (RFC 8725, OWASP's JWT cheat sheet).",
  ],
  standards: [STANDARDS.asvsV7, STANDARDS.rfc7009, STANDARDS.rfc8725, STANDARDS.owaspJwt],
  run,
};
