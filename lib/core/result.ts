/**
 * The one shape for an expected failure in lib/: a value, never a throw. Unexpected failures
 * (a bug, a store that is down) throw and reach the HTTP layer or the page's error boundary.
 */
export type Result<T, R extends string = string> = { ok: true; value: T } | { ok: false; reason: R };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<R extends string>(reason: R): { ok: false; reason: R } {
  return { ok: false, reason };
}

/** The failure every rate-limited verb returns: the one `reason` plus when to try again. */
export type RateLimited = { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export function rateLimited(retryAfterSeconds: number): RateLimited {
  return { ok: false, reason: "rate_limited", retryAfterSeconds };
}
