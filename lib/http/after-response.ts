import "server-only";
import { after } from "next/server";
import { logger } from "@/lib/log";

/**
 * Work the response need not wait for (a sliding-expiry write): Next runs it after the response
 * is sent (on Vercel, within the function's lifetime, through waitUntil). Outside a request
 * scope (scripts, tests calling a verb directly) it runs now and is awaited. A failure is
 * logged, never thrown: the request it belonged to has already been answered.
 */
export async function afterResponse(label: string, task: () => Promise<unknown>): Promise<void> {
  const guarded = () =>
    task().then(
      () => undefined,
      (error: unknown) => logger.warn(`${label} failed`, { error }),
    );
  try {
    after(guarded);
    return;
  } catch {
    // No request scope: fall through.
  }
  await guarded();
}
