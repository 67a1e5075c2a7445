// What the server itself says each check cost: its Server-Timing, sampled after the load with
// one request at a time. On a busy machine the client's req/s and latencies carry everyone's
// noise; the server's own measure of the check (auth, store round trips, crypto operations)
// does not.
import { parseServerTiming } from "../../lib/timing/header";
import type { LoadTarget } from "./load";
import type { CheckCost } from "./report";
import { percentile } from "./stats";

export type { CheckCost } from "./report";

const count = (desc: string | undefined) => Number(/^(\d+)/.exec(desc ?? "")?.[1] ?? 0);

/** The median of `samples` responses' Server-Timing for one target (null: it sends none). */
export async function sampleCheckCost(baseUrl: string, target: LoadTarget, samples = 40): Promise<CheckCost> {
  const seen: { auth: number; db: number; queries: number; redis: number; crypto: number; ops: number }[] =
    [];
  for (let i = 0; i < samples; i++) {
    const response = await fetch(baseUrl + target.path, { headers: target.headers });
    await response.arrayBuffer();
    const header = response.headers.get("server-timing");
    if (!header) continue;
    const timing = parseServerTiming(header);
    seen.push({
      auth: timing.auth?.dur ?? 0,
      db: timing.db?.dur ?? 0,
      queries: count(timing.db?.desc),
      redis: count(timing.redis?.desc),
      crypto: timing.crypto?.dur ?? 0,
      ops: count(timing.crypto?.desc),
    });
  }
  if (seen.length === 0) return null;
  const median = (pick: (s: (typeof seen)[number]) => number) => percentile(seen.map(pick), 50);
  return {
    authMs: median((s) => s.auth),
    dbMs: median((s) => s.db),
    queries: median((s) => s.queries),
    redisCommands: median((s) => s.redis),
    cryptoMs: median((s) => s.crypto),
    cryptoOps: median((s) => s.ops),
  };
}
