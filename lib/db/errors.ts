import "server-only";
import { STORE_UNAVAILABLE_DIGEST } from "@/lib/core/unavailable";

// "Cannot check" is not "signed out": an error that means the store could not be reached (or
// did not answer in time) is told apart from every other failure, so callers answer 503 with
// Retry-After instead of 401, a sign-in redirect or a 500.

/** Prisma's codes for "could not reach / talk to the database" (connection, pool, timeouts). */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** Node socket errors, PostgreSQL SQLSTATEs (class 08, 57P0x, 53300) and SQLite's I/O codes. */
const DRIVER_UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** better-sqlite3 reports extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, ...). */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|CANTOPEN|IOERR|LOCKED)(_|$)/;

/** The driver adapters' error kinds for the same (Prisma 6 maps socket errors to these). */
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
]);

const MESSAGES = [
  /can't reach database server/i,
  /connection terminated/i,
  /connection refused/i,
  /timeout exceeded when trying to connect/i,
  /server closed the connection unexpectedly/i,
  /database ?not ?reachable/i,
  /timed out fetching a new connection/i,
  /query read timeout/i,
  // Redis (lib/redis, ioredis and rate-limiter-flexible's RateLimiterRedis): not connected, or
  // no answer in time.
  /redis connection is not ready/i,
  /enableOfflineQueue options is false/i,
  /^connection is closed\.?$/i,
  /^command timed out$/i,
];

function codeOf(value: object): string | undefined {
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** True when `error` (or anything in its cause chain) says the store is unreachable. */
export function isStoreUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const code = codeOf(current);
    if (code && (PRISMA_UNAVAILABLE.has(code) || DRIVER_UNAVAILABLE.has(code) || code.startsWith("08")))
      return true;
    if (code && SQLITE_UNAVAILABLE.test(code)) return true;
    const name = (current as { name?: unknown }).name;
    if (
      name === "PrismaClientInitializationError" ||
      name === "StoreUnavailableError" ||
      name === "MaxRetriesPerRequestError"
    )
      return true;
    const kind = (current as { kind?: unknown }).kind;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Thrown where a page or action needs a store that is down. The HTTP layer answers it with 503
 * and Retry-After; pages render the "temporarily unavailable" state (app/error.tsx reads the
 * digest, which Next keeps when an error carries its own).
 */
export class StoreUnavailableError extends Error {
  readonly digest = STORE_UNAVAILABLE_DIGEST;
  constructor(readonly store: string = "database") {
    super(`The ${store} is temporarily unavailable.`);
    this.name = "StoreUnavailableError";
  }
}

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * For pages and actions that read the store after identity is known (lists, histories): a store
 * that is down becomes StoreUnavailableError, so the page shows the unavailable state rather
 * than a generic error.
 */
export async function readStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isStoreUnavailable(error) && !(error instanceof StoreUnavailableError))
      throw new StoreUnavailableError();
    throw error;
  }
}
