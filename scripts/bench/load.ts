// Drives HTTP load with autocannon (as a library) and keeps one progress line up to date.
import autocannon from "autocannon";
import { mean } from "./stats";

/** One endpoint under load, with the credential that gets it a 200. */
export type LoadTarget = {
  name: string;
  label: string;
  path: string;
  headers: Record<string, string>;
};

export type LoadOptions = {
  durationSeconds: number;
  connections: number;
  rounds: number;
  /** A short unrecorded run per target first (JIT, connection pools, caches). */
  warmupSeconds: number;
};

export type RoundResult = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
};

export type TargetResult = {
  name: string;
  label: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  rounds: RoundResult[];
};

export type Progress = (line: string) => void;

/** A progress line: rewritten in place on a terminal, one line per step elsewhere (CI logs). */
export function progressPrinter(stream: NodeJS.WriteStream = process.stdout): Progress & { done(): void } {
  let last = "";
  const print = ((line: string) => {
    if (stream.isTTY) {
      stream.write(`\r${line.padEnd(last.length)}`);
    } else if (!line.includes("…")) {
      stream.write(`${line}\n`);
    }
    last = line;
  }) as Progress & { done(): void };
  print.done = () => {
    if (stream.isTTY && last) stream.write("\n");
    last = "";
  };
  return print;
}

/**
 * One autocannon run, reporting completed requests every half second (`onTick`) and each
 * response's time in ms with its sequence number (`onResponse`).
 */
export async function runAutocannon(
  options: autocannon.Options,
  onTick?: (seconds: number, requests: number) => void,
  onResponse?: (responseTime: number, index: number, status: number) => void,
): Promise<autocannon.Result> {
  // With no callback, autocannon returns its event emitter made thenable (the types show only the promise).
  const instance = autocannon(options) as unknown as Promise<autocannon.Result> & autocannon.Instance;
  let requests = 0;
  const started = Date.now();
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    onResponse?.(responseTime, requests, status);
    requests += 1;
  });
  const timer = onTick ? setInterval(() => onTick((Date.now() - started) / 1000, requests), 500) : null;
  try {
    return await instance;
  } finally {
    if (timer) clearInterval(timer);
  }
}

function round(result: autocannon.Result): RoundResult {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Every target, round after round, interleaved (round 1: A B C, round 2: A B C), so background
 * noise on a shared machine spreads over all of them instead of favouring whichever ran last.
 * A round that got anything but 2xx stops the bench: it would be measuring error pages.
 */
export async function runInterleaved(
  baseUrl: string,
  targets: readonly LoadTarget[],
  options: LoadOptions,
  progress: Progress,
  phase = "",
): Promise<TargetResult[]> {
  const rounds = new Map<string, RoundResult[]>(targets.map((target) => [target.name, []]));
  const common = { connections: options.connections, pipelining: 1 };
  if (options.warmupSeconds > 0) {
    for (const [index, target] of targets.entries()) {
      progress(`${phase}warm-up ${index + 1}/${targets.length}: ${target.label}…`);
      await runAutocannon({
        ...common,
        url: baseUrl + target.path,
        headers: target.headers,
        duration: options.warmupSeconds,
      });
    }
  }
  for (let r = 1; r <= options.rounds; r++) {
    for (const [index, target] of targets.entries()) {
      const step = `${phase}round ${r}/${options.rounds} · ${index + 1}/${targets.length} ${target.label}`;
      progress(`${step}…`);
      const result = await runAutocannon(
        { ...common, url: baseUrl + target.path, headers: target.headers, duration: options.durationSeconds },
        (seconds, requests) =>
          progress(
            `${step} · ${Math.min(seconds, options.durationSeconds).toFixed(0)}/${options.durationSeconds} s · ${requests} requests…`,
          ),
      );
      const measured = round(result);
      if (measured.non2xx > 0 || measured.errors > 0 || measured.requests === 0) {
        throw new Error(
          `bench: ${target.label} answered ${measured.non2xx} non-2xx and ${measured.errors} errors of ${measured.requests} requests; its credential is not accepted`,
        );
      }
      rounds.get(target.name)!.push(measured);
      progress(`${step}: ${measured.rps.toFixed(0)} req/s, p99 ${measured.p99} ms`);
    }
  }
  return targets.map((target) => {
    const measured = rounds.get(target.name)!;
    return {
      name: target.name,
      label: target.label,
      path: target.path,
      rps: mean(measured.map((m) => m.rps)),
      p50: mean(measured.map((m) => m.p50)),
      p99: mean(measured.map((m) => m.p99)),
      rounds: measured,
    };
  });
}
