import "server-only";
import { isStoreUnavailable } from "@/lib/db/errors";
import { duringStoreOutage } from "@/lib/db/outage-drill";
import { env } from "@/lib/env";
import { unavailableResponse } from "@/lib/http/route";
import type { AuthMode } from "@/lib/identity";
import { refreshTokenPair } from "@/lib/jwt/token-pair";
import { identityWith, type LabContext, sentCookie, signInJwt, signInOAuth, signInSession } from "../context";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

type Presented = { mode: AuthMode; label: string; headers: Record<string, string> };

/**
 * What /api/me answers for one credential (app/api/me/route.ts): 200 for a user, 503 with
 * Retry-After when its mode could not be checked, 401 otherwise. The 503 is the HTTP layer's own
 * response, so its status and header are read off it, not restated.
 */
async function answer({ mode, headers }: Presented): Promise<string> {
  const identity = await identityWith(headers);
  if (identity.modes[mode]) return "200, signed in";
  if (identity.unavailable.includes(mode)) {
    const response = unavailableResponse();
    return `${response.status}, Retry-After: ${response.headers.get("retry-after")} s`;
  }
  return "401, signed out";
}

/** The refresh endpoint's answer: new tokens, a refusal, or "cannot check" (503). */
async function refreshAnswer(token: string, lab: LabContext): Promise<string> {
  try {
    const result = await refreshTokenPair(token, lab.context, { allowSuperseded: true });
    return result.ok ? "200, new tokens" : `401, ${result.reason}`;
  } catch (error) {
    if (isStoreUnavailable(error)) return `${unavailableResponse().status}, cannot rotate`;
    throw error;
  }
}

const ok = (value: string) => value.startsWith("200");

async function run(lab: LabContext) {
  lab.step("Signing in three times: session, Auth.js and JWT");
  const session = sentCookie((await signInSession(lab)).cookie).header;
  const oauth = (await signInOAuth(lab)).cookie.header;
  const jwt = await signInJwt(lab);
  const presented: Presented[] = [
    { mode: "session", label: "Session cookie", headers: { cookie: session } },
    { mode: "oauth", label: "Auth.js session cookie", headers: { cookie: oauth } },
    {
      mode: "jwt",
      label: "JWT access token (Bearer)",
      headers: { authorization: `Bearer ${jwt.pair.access.token}` },
    },
  ];

  // Also warms this process's public-key cache, as any earlier request would have.
  lab.step("Checking each credential while the store is up");
  const before = await Promise.all(presented.map(answer));
  if (!before.every(ok)) throw new Error("lab: a fresh sign-in was refused");

  lab.step("Cutting the store off for this run's checks: every database and Redis round trip is refused");
  const outage = await duringStoreOutage(async () => {
    const during: string[] = [];
    for (const credential of presented) during.push(await answer(credential));
    return { during, refresh: await refreshAnswer(jwt.pair.refresh.token, lab) };
  });
  const [sessionDown, oauthDown, jwtDown] = outage.result.during as [string, string, string];
  const secondsLeft = Math.max(0, Math.round((jwt.pair.access.expiresAt.getTime() - Date.now()) / 1000));
  if (!ok(jwtDown) && jwt.pair.access.expiresAt.getTime() <= Date.now()) {
    // Refused for its age, not for the outage: no verdict can be drawn from that.
    throw new Error("lab: the access token expired before the outage check");
  }

  lab.step("Store back: checking each credential again, with no restart");
  const after = await Promise.all(presented.map(answer));

  const statefulRefused = sessionDown.startsWith("503") && oauthDown.startsWith("503");
  const verdict =
    !statefulRefused || !after.every(ok)
      ? "does_not_hold"
      : ok(jwtDown)
        ? "holds_at_a_cost"
        : "does_not_hold";
  const jwtLine = ok(jwtDown) ? `accepted (${secondsLeft} s left)` : "503 (the deny-list needs the store)";
  return {
    verdict,
    headline: `Store down: session ${sessionDown.slice(0, 3)}, Auth.js ${oauthDown.slice(0, 3)}, JWT ${jwtLine}; refresh ${outage.result.refresh.slice(0, 3)}`,
    ...(verdict === "holds_at_a_cost"
      ? {
          cost: `only until the access token expires (${env.JWT_ACCESS_TTL} s here): refreshing, signing in and signing out all need the store, so a longer outage signs JWT users out too`,
        }
      : {}),
    measurements: [
      ...presented.map((credential, index) => ({
        label: `${credential.label}, store down`,
        value: [sessionDown, oauthDown, jwtDown][index]!,
      })),
      { label: "JWT refresh, store down", value: outage.result.refresh },
      { label: "Store round trips refused during the outage", value: String(outage.refused) },
      { label: "Deny-list on this server (JWT_DENYLIST)", value: env.JWT_DENYLIST ? "on" : "off" },
      ...presented.map((credential, index) => ({
        label: `${credential.label}, store back`,
        value: after[index]!,
      })),
    ],
    data: { session: sessionDown, oauth: oauthDown, jwt: jwtDown, refresh: outage.result.refresh },
  } as const;
}

export const storeOutageExperiment: Experiment = {
  slug: "store-outage",
  number: 12,
  title: "Store outage",
  claim: "JWTs are stateless, so they keep working when the database is down.",
  explanation: [
    "The run signs in with each mode, then replays the credentials with every database and Redis round trip of the run refused, as a refused connection is refused (the app's own error handling runs; other visitors' requests are untouched), then once more with the store back.",
    "A session or Auth.js cookie names a row; with the row out of reach the server cannot tell a live session from a revoked one, so it answers 503 with Retry-After and the pages show an unavailable state. It never answers 401 or redirects to sign-in: that would make clients throw away credentials that are still good (ASVS 5.0 16.5.2 and 16.5.3, graceful degradation).",
    'An access token verifies with a public key this process already holds, so it keeps working: the real meaning of "stateless". Only while it lasts, though: the refresh that replaces it needs the refresh-token rows, and so do sign-in and sign-out. With the deny-list on (JWT_DENYLIST), every check reads the store and the JWT answers 503 like the others.',
  ],
  standards: [STANDARDS.asvsV7, STANDARDS.rfc8725, STANDARDS.owaspSession],
  run,
};
