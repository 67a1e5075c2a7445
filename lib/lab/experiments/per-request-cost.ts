import "server-only";
import type { AuthMode } from "@/lib/core/identity";
import { serverTimingValue } from "@/lib/timing";
import { readLatestBenchResults } from "../bench-results";
import { identityWith, type LabContext, sentCookie, signInJwt, signInOAuth, signInSession } from "../context";
import { formatMs, measureRepeated } from "../measure";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";
import type { Measurement } from "../types";

const CHECKS = 30;
const BENCH_TARGETS = ["session", "jwt-cookie", "jwt-bearer", "oauth", "authjs"];

/** The identity check /api/me runs, repeated, timed by the recorder behind Server-Timing. */
async function measureCheck(headers: Record<string, string>, mode: AuthMode) {
  const measured = await measureRepeated(() => identityWith(headers), CHECKS);
  if (measured.lastResult.mode !== mode) throw new Error(`lab: the ${mode} credential was not accepted`);
  return measured;
}

async function benchMeasurements(): Promise<Measurement[]> {
  const results = await readLatestBenchResults();
  if (!results)
    return [{ label: "npm run bench results", value: "none on this deployment: run npm run bench" }];
  const date = results.startedAt.slice(0, 10);
  return results.configurations.flatMap((configuration) =>
    configuration.targets
      .filter((target) => BENCH_TARGETS.includes(target.name))
      .map((target) => ({
        label: `Bench ${date}, ${configuration.name}: ${target.label}`,
        value: `${target.ratio.toFixed(2)}× the bare route (${Math.round(target.rps)} req/s)`,
      })),
  );
}

async function run(lab: LabContext) {
  lab.step(`Signing in with session mode and timing ${CHECKS} identity checks of its cookie`);
  const session = await measureCheck(
    { cookie: sentCookie((await signInSession(lab)).cookie).header },
    "session",
  );
  lab.step(`Creating an Auth.js session and timing ${CHECKS} checks`);
  const oauth = await measureCheck({ cookie: (await signInOAuth(lab)).cookie.header }, "oauth");
  lab.step(`Signing in with JWT mode and timing ${CHECKS} checks as a cookie and as a Bearer header`);
  const jwt = await signInJwt(lab);
  const jwtCookie = await measureCheck({ cookie: sentCookie(jwt.access).header }, "jwt");
  const bearer = await measureCheck({ authorization: `Bearer ${jwt.pair.access.token}` }, "jwt");
  lab.step("Reading the latest npm run bench results");
  const bench = await benchMeasurements();

  const live = [
    ["Session cookie", session],
    ["JWT cookie", jwtCookie],
    ["JWT Bearer", bearer],
    ["Auth.js session cookie", oauth],
  ] as const;
  const savesRead = jwtCookie.queries === 0 && session.queries >= 1;
  const faster = jwtCookie.ms < session.ms;
  return {
    verdict: savesRead && faster ? "holds_at_a_cost" : "does_not_hold",
    headline: `Live median check: session ${formatMs(session.ms)} (${session.queries} store read), JWT ${formatMs(jwtCookie.ms)} (${jwtCookie.queries}), Auth.js ${formatMs(oauth.ms)} (${oauth.queries})`,
    cost: savesRead
      ? "the read a JWT saves is the one that would let the server refuse it: without it, a signed-out or stolen token works until exp (see Logout); with the deny-list the read comes back"
      : undefined,
    measurements: [
      ...live.map(([label, measured]) => ({
        label: `${label}: median check, store reads`,
        value: `${formatMs(measured.ms)}, ${measured.queries}`,
      })),
      ...live.map(([label, measured]) => ({
        label: `${label}: Server-Timing`,
        value: serverTimingValue(measured.last) ?? "none",
      })),
      ...bench,
    ],
  } as const;
}

export const perRequestCostExperiment: Experiment = {
  slug: "per-request-cost",
  number: 4,
  title: "Per-request cost",
  claim: "A JWT saves a database lookup on every request, so checking it is cheaper than checking a session.",
  explanation: [
    "The live numbers are the identity check /api/me runs, repeated 30 times on this server and timed by the same recorder that writes the Server-Timing header of every API response: the whole check, its store round trips and its cryptography. The bench rows are the latest npm run bench: requests per second under load for the same endpoint, as a fraction of a bare route with no auth at all.",
    "A JWT check reads no row: its signature and claims are the evidence (ASVS 5.0 V9). A session check is one indexed read of the session and its user. Both are fractions of a millisecond here, far below the rest of a request's cost, so under load the gap between the modes is a few per cent of throughput, not the order of magnitude the claim suggests. With a slow or remote store the read matters more; with an in-memory one (Redis) less.",
    "The read is also what makes a session revocable at once: the Logout experiment measures what giving it up costs.",
  ],
  standards: [STANDARDS.asvsV9, STANDARDS.rfc9068, STANDARDS.owaspSession],
  run,
};
