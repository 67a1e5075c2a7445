import "server-only";
import { clientNetwork, hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import type { RequestContext } from "@/lib/security/request";

/**
 * Counts one lab run: per client network (when there is a client IP) and for everyone together.
 * Null when the run may go ahead, else the seconds to wait. The run's sign-up then meets the
 * sign-up limits as well (lib/lab/throwaway.ts).
 */
export async function throttleLabRun(context: RequestContext): Promise<number | null> {
  if (context.ipAddress) {
    const perClient = await hitRateLimit(RATE_LIMITS.labRunPerIp, clientNetwork(context.ipAddress));
    if (!perClient.allowed) return perClient.retryAfterSeconds;
  }
  const overall = await hitRateLimit(RATE_LIMITS.labRunGlobal, "all");
  return overall.allowed ? null : overall.retryAfterSeconds;
}
