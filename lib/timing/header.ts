import "server-only";
import type { AuthMode } from "@/lib/core/identity";
import type { ModeTimings, RequestTimings, Spent } from "./recorder";

const ms = (value: number) => Math.round(value * 1000) / 1000;
const queries = (count: number) => `${count} ${count === 1 ? "query" : "queries"}`;
const operations = (count: number) => `${count} ${count === 1 ? "operation" : "operations"}`;
const commands = (count: number) => `${count} ${count === 1 ? "command" : "commands"}`;

function entry(name: string, spent: Spent, desc?: string): string {
  return `${name};dur=${ms(spent.ms)}${desc ? `;desc="${desc}"` : ""}`;
}

/**
 * The Server-Timing value for a request that read identity (W3C Server Timing), or null when it
 * did not. First the totals, then one group per mode that checked a credential:
 *
 *   auth;dur=0.41;desc="session", db;dur=0.09;desc="1 query", crypto;dur=0.21;desc="2 operations",
 *   auth-session;dur=0.4, db-session;dur=0.09;desc="1 query", crypto-session;dur=0.21;desc="2 operations"
 *
 * `auth` is the wall time of the whole check (modes run concurrently), its desc the mode the
 * request was served as ("none" when signed out); `db` the store time and round-trip count;
 * `redis` (only on a request that used Redis, REDIS_URL) its time and round trips, apart from SQL;
 * `crypto` the time in unseals, signature checks and hashes and how many ran (a
 * credential whose unseal or verification this process remembers costs none). Durations only, nothing secret.
 */
export function serverTimingValue(timings: RequestTimings): string | null {
  if (timings.auth.count === 0) return null;
  const parts = [
    entry("auth", timings.auth, timings.servedAs ?? "none"),
    entry("db", timings.db, queries(timings.db.count)),
    ...(timings.redis.count > 0 ? [entry("redis", timings.redis, commands(timings.redis.count))] : []),
    entry("crypto", timings.crypto, operations(timings.crypto.count)),
  ];
  for (const [mode, spent] of Object.entries(timings.modes) as [AuthMode, ModeTimings][]) {
    parts.push(
      entry(`auth-${mode}`, spent.auth),
      entry(`db-${mode}`, spent.db, queries(spent.db.count)),
      ...(spent.redis.count > 0 ? [entry(`redis-${mode}`, spent.redis, commands(spent.redis.count))] : []),
      entry(`crypto-${mode}`, spent.crypto, operations(spent.crypto.count)),
    );
  }
  return parts.join(", ");
}

/** Parses a Server-Timing value back into metrics (tests, the bench, the comparison lab). */
export function parseServerTiming(value: string | null): Record<string, { dur: number; desc?: string }> {
  const metrics: Record<string, { dur: number; desc?: string }> = {};
  for (const part of (value ?? "").split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const metric: { dur: number; desc?: string } = { dur: 0 };
    for (const param of params) {
      const [key, raw = ""] = param.trim().split("=");
      if (key === "dur") metric.dur = Number(raw);
      if (key === "desc") metric.desc = raw.replace(/^"|"$/g, "");
    }
    metrics[name] = metric;
  }
  return metrics;
}
