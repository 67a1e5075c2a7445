import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// An outage drill for the comparison lab's store-outage experiment (lib/lab). Inside
// `duringStoreOutage(work)`, every round trip `work` makes to the database (Prisma or the driver)
// or to Redis fails the way a refused connection fails, before anything is sent, so the app's own
// handling of an unreachable store is what runs: the error classification (./errors.ts), the
// identity layer's "unavailable" answer, the HTTP layer's 503. AsyncLocalStorage scopes the drill
// to the calls `work` makes: every other request in the process reaches the store as usual.

// On globalThis, like the timing recorder (lib/timing/recorder.ts): the database client is made
// once per process by whichever bundled copy of lib/db ran first, and must see the lab's drill.
const globalForDrill = globalThis as typeof globalThis & {
  authlabOutageDrill?: AsyncLocalStorage<{ refused: number }>;
};
const drill = (globalForDrill.authlabOutageDrill ??= new AsyncLocalStorage<{ refused: number }>());

/** Runs `work` as if the store were unreachable; reports how many round trips were refused. */
export async function duringStoreOutage<T>(work: () => Promise<T>): Promise<{ result: T; refused: number }> {
  const scope = { refused: 0 };
  const result = await drill.run(scope, work);
  return { result, refused: scope.refused };
}

/** Called by each store client before a round trip: throws inside a drill, does nothing outside. */
export function refuseDuringOutageDrill(): void {
  const scope = drill.getStore();
  if (!scope) return;
  scope.refused += 1;
  throw Object.assign(new Error("connect ECONNREFUSED (store outage drill)"), { code: "ECONNREFUSED" });
}
