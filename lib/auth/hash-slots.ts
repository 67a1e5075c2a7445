import "server-only";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";

// Argon2 (@node-rs/argon2) runs on libuv's threadpool, off the main thread, but that pool is
// small (4 threads unless UV_THREADPOOL_SIZE says otherwise) and shared with everything else
// asynchronous: WebCrypto (every iron unseal and jose verify), fs, DNS. Twenty sign-ins at once
// would queue every other request's crypto behind ~20 hashes. So at most this many hashes run at
// once, leaving threads for the checks and a core for the event loop; the rest wait their turn
// in order (they are rate-limited, and each costs the same, so no kind of sign-in is favoured).

/** The default: one hash per core but one, and never more than the threadpool minus two. */
export function defaultHashConcurrency(cores = availableParallelism(), threadpool = 4): number {
  return Math.max(1, Math.min(cores - 1, threadpool - 2));
}

let running = 0;
const waiting: (() => void)[] = [];

function limit(): number {
  return (
    env.PASSWORD_HASH_CONCURRENCY ??
    defaultHashConcurrency(availableParallelism(), env.UV_THREADPOOL_SIZE ?? 4)
  );
}

/** Runs one Argon2 computation when a slot is free (FIFO). */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < limit()) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
