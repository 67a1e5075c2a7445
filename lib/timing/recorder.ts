import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type { AuthMode } from "@/lib/core/identity";

// What one request spent checking identity, measured where the work happens: the store layer
// (lib/db) reports every query, the modes report their cryptography, lib/identity reports each
// mode's whole check. The HTTP layer turns it into a Server-Timing header (./header.ts).
// AsyncLocalStorage carries it through awaits, so nothing threads a recorder by hand, and work
// outside a request scope (scripts, tests calling a verb directly) records into nothing.

export type Spent = { ms: number; count: number };

export type ModeTimings = { auth: Spent; db: Spent; redis: Spent; crypto: Spent };

export type RequestTimings = {
  /** Wall time of the identity check (all modes, run concurrently); count = checks made. */
  auth: Spent;
  db: Spent;
  /** Redis round trips (REDIS_URL): reported apart from SQL, so "no SQL query" can be read off. */
  redis: Spent;
  crypto: Spent;
  /** The same, per mode, for the modes that did any store or crypto work. */
  modes: Partial<Record<AuthMode, ModeTimings>>;
  /** The mode whose user the request was served as, once identity was read. */
  servedAs: AuthMode | null;
};

type Scope = { timings: RequestTimings; mode: AuthMode | null };

// One per process, on globalThis: a production build can bundle this module more than once (the
// instrumentation hook and each route get their own copy), and the database client, created once
// per process by whichever copy ran first, must record into the same scope as the request's copy.
// With a module-level instance, Prisma's queries were recorded into a scope no request read.
const globalForTimings = globalThis as typeof globalThis & { authlabTimings?: AsyncLocalStorage<Scope> };
const storage = (globalForTimings.authlabTimings ??= new AsyncLocalStorage<Scope>());

const spent = (): Spent => ({ ms: 0, count: 0 });

function emptyTimings(): RequestTimings {
  return { auth: spent(), db: spent(), redis: spent(), crypto: spent(), modes: {}, servedAs: null };
}

/** Runs `work` with a fresh recorder and returns what it recorded alongside its result. */
export async function withRequestTimings<T>(
  work: () => Promise<T>,
): Promise<{ result: T; timings: RequestTimings }> {
  const timings = emptyTimings();
  const result = await storage.run({ timings, mode: null }, work);
  return { result, timings };
}

/** The recorder of the current request, or null outside one. */
export function currentTimings(): RequestTimings | null {
  return storage.getStore()?.timings ?? null;
}

function modeTimings(timings: RequestTimings, mode: AuthMode): ModeTimings {
  return (timings.modes[mode] ??= { auth: spent(), db: spent(), redis: spent(), crypto: spent() });
}

function add(into: Spent, ms: number): void {
  into.ms += ms;
  into.count += 1;
}

function record(kind: "db" | "redis" | "crypto", started: number): void {
  const scope = storage.getStore();
  if (!scope) return;
  const ms = performance.now() - started;
  add(scope.timings[kind], ms);
  if (scope.mode) add(modeTimings(scope.timings, scope.mode)[kind], ms);
}

function timed(kind: "db" | "redis" | "crypto"): <T>(work: () => Promise<T>) => Promise<T> {
  return async (work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      record(kind, started);
    }
  };
}

/** One store round trip (a query through Prisma or the driver). */
export const timeStore = timed("db");

/** One Redis round trip (a command, a pipeline or a script). */
export const timeRedis = timed("redis");

/** One cryptographic operation: an unseal, a signature verification. */
export const timeCrypto = timed("crypto");

/** The same for synchronous cryptography (a SHA-256 of a token). */
export function timeCryptoSync<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    record("crypto", started);
  }
}

/**
 * One mode's check: the store and crypto work inside it are attributed to that mode. A mode
 * that did neither (no credential of its kind on the request) is not reported.
 */
export async function timeModeCheck<T>(mode: AuthMode, work: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return work();
  const started = performance.now();
  try {
    return await storage.run({ timings: scope.timings, mode }, work);
  } finally {
    const entry = scope.timings.modes[mode];
    if (entry) add(entry.auth, performance.now() - started);
  }
}

/** The whole identity check of a request, all modes together; `servedAs` is the winning mode. */
export async function timeIdentityCheck<T extends { mode: AuthMode | null }>(
  work: () => Promise<T>,
): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return work();
  const started = performance.now();
  const result = await work();
  add(scope.timings.auth, performance.now() - started);
  scope.timings.servedAs = result.mode;
  return result;
}
