import "server-only";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { env } from "@/lib/env";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { endBrowserSignIn } from "@/lib/identity/sign-out";
import { signOutWithAccessToken } from "@/lib/jwt/token-pair";
import { endOAuthSession } from "@/lib/oauth/sessions";
import { type LabContext, labRequest, sentCookie, signInJwt, signInOAuth, signInSession } from "../context";
import { formatMs } from "../measure";
import { STANDARDS } from "../standards";
import { type Experiment, LabPreconditionError } from "../experiment";

const PEER_TIMEOUT_MS = 5_000;

const meSchema = z.object({ user: z.object({ id: z.string() }) });
const jwksSchema = z.object({ keys: z.array(z.object({ kid: z.string() })) });

type Credential = { label: string; headers: Record<string, string> };

/** The peer instance's base URL; only called when unavailableHere() said it is set. */
function peer(): string {
  return env.LAB_PEER_URL!.replace(/\/$/, "");
}

async function peerFetch(path: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(`${peer()}${path}`, { headers, signal: AbortSignal.timeout(PEER_TIMEOUT_MS) });
  } catch {
    throw new LabPreconditionError(
      `The second instance at ${peer()} (LAB_PEER_URL) did not answer. \`npm run dev\` starts it on the next port; it may still be starting: try again in a few seconds.`,
    );
  }
}

/** What the other instance's /api/me answers for a credential made on this one. */
async function onPeer(credential: Credential, userId: string): Promise<string> {
  const response = await peerFetch("/api/me", credential.headers);
  if (response.status !== 200) return `${response.status}, refused`;
  const body = meSchema.safeParse(await response.json());
  return body.success && body.data.user.id === userId ? "200, same user" : "200, another user";
}

const accepted = (answer: string) => answer === "200, same user";

async function run(lab: LabContext) {
  lab.step(`Checking the second instance at ${peer()} answers`);
  const health = await peerFetch("/api/health");
  if (health.status !== 200) {
    throw new LabPreconditionError(
      `The second instance at ${peer()} answered ${health.status} to /api/health: it cannot reach its store.`,
    );
  }

  lab.step("Signing in on this instance: session, Auth.js and JWT");
  const session = sentCookie((await signInSession(lab)).cookie).header;
  const oauth = (await signInOAuth(lab)).cookie.header;
  const jwt = await signInJwt(lab);
  const credentials: Credential[] = [
    { label: "Session cookie", headers: { cookie: session } },
    { label: "Auth.js session cookie", headers: { cookie: oauth } },
    { label: "JWT access token (Bearer)", headers: { authorization: `Bearer ${jwt.pair.access.token}` } },
  ];

  lab.step("Presenting each credential to the other instance");
  const before = await Promise.all(credentials.map((credential) => onPeer(credential, lab.user.id)));
  const jwks = jwksSchema.parse(await (await peerFetch("/.well-known/jwks.json")).json());
  const kid = jwt.pair.access.kid;

  lab.step("Signing out on this instance, then presenting each credential to the other one at once");
  await signOutWithAccessToken(jwt.pair.access.token, lab.context);
  await endBrowserSignIn(
    sourceFromRequest(labRequest("/api/session/sign-out", { cookie: session })),
    lab.context,
  );
  await endOAuthSession(sourceFromRequest(labRequest("/oauth/signed-in", { cookie: oauth })), lab.context);
  const signedOutAt = performance.now();
  const after = await Promise.all(credentials.map((credential) => onPeer(credential, lab.user.id)));
  const seenAfterMs = performance.now() - signedOutAt;
  const [sessionAfter, oauthAfter, jwtAfter] = after as [string, string, string];
  const secondsLeft = Math.max(0, Math.round((jwt.pair.access.expiresAt.getTime() - Date.now()) / 1000));

  const shared = before.every(accepted) && jwks.keys.some((key) => key.kid === kid);
  const revokedEverywhere = !accepted(sessionAfter) && !accepted(oauthAfter);
  const jwtOutlives = accepted(jwtAfter);
  return {
    verdict: !shared || !revokedEverywhere ? "does_not_hold" : jwtOutlives ? "holds_at_a_cost" : "holds",
    headline: `On the other instance: every credential accepted; after sign-out here, session ${accepted(sessionAfter) ? "accepted" : "refused"}, Auth.js ${accepted(oauthAfter) ? "accepted" : "refused"}, JWT ${jwtOutlives ? `accepted (${secondsLeft} s left)` : "refused"}`,
    ...(jwtOutlives
      ? {
          cost: "a revocation reaches the other instance at once for sessions (one shared store read per request); a JWT is accepted there until exp unless the deny-list is on",
        }
      : {}),
    measurements: [
      { label: "Other instance", value: peer() },
      ...credentials.map((credential, index) => ({
        label: `${credential.label} on the other instance`,
        value: before[index]!,
      })),
      {
        label: "Signing key in the other instance's JWKS",
        value: jwks.keys.some((key) => key.kid === kid) ? "yes: the shared database publishes it" : "no",
      },
      ...credentials.map((credential, index) => ({
        label: `${credential.label} there, after sign-out here`,
        value: after[index]!,
      })),
      { label: "Time to check all three there after sign-out", value: formatMs(seenAfterMs) },
      { label: "Deny-list on (JWT_DENYLIST)", value: env.JWT_DENYLIST ? "on" : "off" },
    ],
  } as const;
}

export const scalingExperiment: Experiment = {
  slug: "scaling",
  number: 11,
  title: "Scaling across servers",
  claim: "Sessions need sticky servers or a shared store; JWTs scale across servers for free.",
  explanation: [
    "The run signs in on this instance and presents each credential to a second instance of the same deployment (its own process and memory, the same database, Redis and secrets), then signs out here and asks the other instance again.",
    "Server sessions need no sticky routing: every instance reads the same store, so a session made on one is valid on the other, and a sign-out on one is seen by the other on its very next request (ASVS 5.0 7.4.1). What scales is the store, and one indexed read per request is cheap (see the per-request cost experiment).",
    "A JWT verifies on the other instance with only the public key, which the shared database publishes in the JWKS. The same property is its cost: the other instance has no reason to ask anyone, so it keeps accepting a signed-out token until exp, unless every instance reads the deny-list (JWT_DENYLIST), which brings back the shared-store read.",
  ],
  standards: [STANDARDS.asvsV7, STANDARDS.rfc7517, STANDARDS.owaspSession],
  unavailableHere: () =>
    env.LAB_PEER_URL
      ? null
      : "It needs a second instance of this deployment, and LAB_PEER_URL is not set. Locally, `npm run dev` starts one on the next port and sets it (unless LAB_PEER=0). On a deployment, set LAB_PEER_URL to another instance's own address (same database, Redis and secrets). The e2e suite runs it against two production servers: `npx playwright test e2e/lab.spec.ts -g scaling`.",
  run,
};
