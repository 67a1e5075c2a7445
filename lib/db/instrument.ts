import "server-only";
import { timeStore } from "@/lib/timing";
import { refuseDuringOutageDrill } from "./outage-drill";

// Every SQL round trip Prisma makes goes through its driver adapter's queryRaw/executeRaw (also
// inside transactions). Timing them there counts real round trips for Server-Timing: an ORM
// call that becomes two SQL statements counts two. The lab's outage drill (./outage-drill.ts)
// refuses them here too.

const TIMED = new Set(["queryRaw", "executeRaw"]);

type Method = (...args: unknown[]) => unknown;

function timedQueryable<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== "function") return value;
      const method = (value as Method).bind(object);
      if (typeof key === "string" && TIMED.has(key)) {
        return (...args: unknown[]) =>
          timeStore(async () => {
            refuseDuringOutageDrill();
            return method(...args) as Promise<unknown>;
          });
      }
      if (key === "startTransaction") {
        return async (...args: unknown[]) => timedQueryable((await method(...args)) as object);
      }
      return method;
    },
  });
}

/** A driver adapter factory whose connections report every query to the request's recorder. */
export function withStoreTiming<F extends { connect(): Promise<object> }>(factory: F): F {
  return new Proxy(factory, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== "function") return value;
      const method = (value as Method).bind(object);
      if (key === "connect") return async () => timedQueryable((await method()) as object);
      return method;
    },
  });
}
