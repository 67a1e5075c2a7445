import "server-only";
import { withRequestTimings, type RequestTimings } from "@/lib/timing";

/** The median of a list of numbers (the middle one, or the mean of the middle two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds with the precision a per-request check deserves. */
export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export type RepeatedTimings<T = unknown> = {
  /** Median wall time of one call. */
  ms: number;
  /** Store round trips of one call (SQL and Redis), as Server-Timing counts them. */
  queries: number;
  /** Median time in those round trips. */
  storeMs: number;
  /** Median time in cryptography. */
  cryptoMs: number;
  last: RequestTimings;
  /** What the last call returned (to check the measured call did what it should). */
  lastResult: T;
};

/**
 * Runs `work` `times` times, each inside the request-timing recorder that feeds Server-Timing
 * (lib/timing), and reports medians: real measurements of the same code a request runs.
 */
export async function measureRepeated<T>(work: () => Promise<T>, times = 25): Promise<RepeatedTimings<T>> {
  const wall: number[] = [];
  const store: number[] = [];
  const crypto: number[] = [];
  let last: { timings: RequestTimings; result: T } | null = null;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const { result, timings } = await withRequestTimings(work);
    wall.push(performance.now() - started);
    store.push(timings.db.ms + timings.redis.ms);
    crypto.push(timings.crypto.ms);
    last = { timings, result };
  }
  return {
    ms: median(wall),
    queries: last!.timings.db.count + last!.timings.redis.count,
    storeMs: median(store),
    cryptoMs: median(crypto),
    last: last!.timings,
    lastResult: last!.result,
  };
}
