// The sign-in bench: sign-ins per second at the configured Argon2id cost, the protected
// endpoint's latency while 20 sign-ins run at once (hashing must not block other requests), and
// the time an unknown email, a wrong password and the right one take (the enumeration bound).
import type autocannon from "autocannon";
import { type Progress, runAutocannon } from "./load";
import { type Distribution, distribution } from "./stats";
import { benchClientIp, type SignInContext } from "./targets";

export type SignInReport = {
  concurrentSignIns: number;
  signInsPerSecond: number;
  signInP99: number;
  /** The protected endpoint with one client at a time: alone, then beside the sign-ins. */
  protected: {
    label: string;
    idleP50: number;
    idleP99: number;
    loadedP50: number;
    loadedP99: number;
    ratioP99: number;
  };
  enumeration: Record<"unknownEmail" | "wrongPassword" | "rightPassword", Distribution>;
};

export type SignInOptions = {
  durationSeconds: number;
  concurrentSignIns: number;
  /** Sign-ins per kind in the enumeration sample. */
  enumerationSamples: number;
};

/**
 * A sign-in request whose client address is new every time (per-IP limits never engage). With
 * several emails, each request takes the next one in turn.
 */
function signInRequest(
  context: SignInContext,
  body: { email: string | string[]; password: string },
): autocannon.Request {
  const emails = typeof body.email === "string" ? [body.email] : body.email;
  let next = 0;
  return {
    method: "POST",
    path: "/api/session/sign-in",
    headers: { "content-type": "application/json", origin: context.baseUrl },
    setupRequest: (request) => ({
      ...request,
      headers: { ...request.headers, "x-forwarded-for": benchClientIp() },
      body: JSON.stringify({ email: emails[next++ % emails.length], password: body.password }),
    }),
  };
}

async function protectedLatency(url: string, headers: Record<string, string>, options: SignInOptions) {
  // One request at a time: the latency a single client sees, with no queue of our own making
  // (a fixed-rate client would add autocannon's coordinated-omission correction on top).
  const result = await runAutocannon({ url, headers, connections: 1, duration: options.durationSeconds });
  if (result.non2xx > 0 || result.errors > 0 || result.requests.total === 0)
    throw new Error(`bench: the protected endpoint failed under the sign-in load (${result.non2xx} non-2xx)`);
  return result.latency;
}

export async function runSignInBench(
  context: SignInContext,
  target: { label: string; url: string; headers: Record<string, string> },
  options: SignInOptions,
  progress: Progress,
  phase = "",
): Promise<SignInReport> {
  const { password } = context.user;
  progress(`${phase}sign-in bench: ${target.label}, one client, alone…`);
  const idle = await protectedLatency(target.url, target.headers, options);

  progress(`${phase}sign-in bench: ${options.concurrentSignIns} concurrent sign-ins beside ${target.label}…`);
  const [signIns, loaded] = await Promise.all([
    runAutocannon({
      url: context.baseUrl,
      connections: options.concurrentSignIns,
      duration: options.durationSeconds,
      requests: [signInRequest(context, { email: context.signInEmails, password })],
    }),
    protectedLatency(target.url, target.headers, options),
  ]);
  if (signIns.non2xx > 0 || signIns.errors > 0) {
    throw new Error(`bench: ${signIns.non2xx} of the concurrent sign-ins failed (rate limit or error)`);
  }

  const samples = {
    unknownEmail: [] as number[],
    wrongPassword: [] as number[],
    rightPassword: [] as number[],
  };
  const kinds = Object.keys(samples) as (keyof typeof samples)[];
  // Each sample on an account of its own in turn (and a new unknown email each time), so the
  // per-account limits never answer in place of Argon2: a 429 is refused below, not timed.
  const unknown = Array.from(
    { length: options.enumerationSamples + 1 },
    (_, index) => `nobody-${Date.now()}-${index}@authlab.invalid`,
  );
  const requests = [
    signInRequest(context, { email: unknown, password }),
    signInRequest(context, { email: context.signInEmails, password: `${password}-wrong` }),
    signInRequest(context, { email: context.signInEmails, password }),
  ];
  const expected = [401, 401, 200];
  const unexpected: number[] = [];
  progress(
    `${phase}sign-in bench: enumeration timing, ${options.enumerationSamples} of each kind, one at a time…`,
  );
  // One connection, the three kinds in turn: responses come back in request order. The first
  // three are a warm-up (a new connection's first request pays for more than its sign-in).
  await runAutocannon(
    { url: context.baseUrl, connections: 1, amount: (options.enumerationSamples + 1) * 3, requests },
    undefined,
    (responseTime, index, status) => {
      if (status !== expected[index % 3]) unexpected.push(status);
      if (index >= 3) samples[kinds[index % 3]!].push(responseTime);
    },
  );
  if (unexpected.length > 0) {
    throw new Error(`bench: enumeration samples answered ${unexpected.join(", ")} (expected 401, 401, 200)`);
  }

  return {
    concurrentSignIns: options.concurrentSignIns,
    signInsPerSecond: signIns.requests.average,
    signInP99: signIns.latency.p99,
    protected: {
      label: target.label,
      idleP50: idle.p50,
      idleP99: idle.p99,
      loadedP50: loaded.p50,
      loadedP99: loaded.p99,
      ratioP99: loaded.p99 / Math.max(idle.p99, 1),
    },
    enumeration: {
      unknownEmail: distribution(samples.unknownEmail),
      wrongPassword: distribution(samples.wrongPassword),
      rightPassword: distribution(samples.rightPassword),
    },
  };
}
