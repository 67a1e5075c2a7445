import "server-only";
import { Redis, ReplyError } from "ioredis";
import { StoreUnavailableError } from "@/lib/db/errors";
import { refuseDuringOutageDrill } from "@/lib/db/outage-drill";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { timeRedis } from "@/lib/timing";

// The one Redis connection of this process (REDIS_URL), created on first use. Tuned so an outage
// fails fast instead of hanging requests, and heals by itself:
// - commands are never queued while disconnected (enableOfflineQueue: false): they fail at once,
//   and the caller answers 503 with Retry-After (lib/http/route.ts), never "signed out";
// - a connect or a command that does not answer within a bound fails (a silent partition);
// - the client reconnects in the background, at most a second apart, for as long as it takes:
//   Redis back means the next request works, with no restart.

const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 1_000;

type State = { client: Redis; ready: Promise<void>; down: boolean };

const globalForRedis = globalThis as typeof globalThis & { authlabRedis?: State };

function connect(url: string): State {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  const state: State = {
    client,
    down: false,
    ready: new Promise((resolve) => client.once("ready", () => resolve())),
  };
  // Logged once per outage, not per request or per reconnect attempt, whether the connection
  // closed (a Redis shut down) or failed (refused, timed out). The URL may hold a password: it is
  // never logged.
  const lost = (error?: Error) => {
    if (state.down) return;
    state.down = true;
    logger.error("redis: connection lost; requests that need it answer 503 until it is back", { error });
  };
  client.on("error", (error: Error) => lost(error));
  client.on("close", () => lost());
  client.on("ready", () => {
    if (!state.down) return;
    state.down = false;
    logger.info("redis: connection back");
  });
  return state;
}

/** Whether REDIS_URL is set: sessions, rate limits and the JWT deny-list then live in Redis. */
export function redisConfigured(): boolean {
  return env.REDIS_URL !== undefined;
}

function state(): State {
  const url = env.REDIS_URL;
  if (!url) throw new Error("redis: REDIS_URL is not set");
  globalForRedis.authlabRedis ??= connect(url);
  return globalForRedis.authlabRedis;
}

/** The client itself, for libraries that take one (rate-limiter-flexible's RateLimiterRedis). */
export function redisClient(): Redis {
  return state().client;
}

/**
 * Waits for the first connection of this process (a request right after start-up), at most
 * CONNECT_TIMEOUT_MS; once it has connected, a connection that is down fails at once.
 */
const isReady = (client: Redis) => client.status === "ready";

async function readyClient(): Promise<Redis> {
  const current = state();
  if (isReady(current.client)) return current.client;
  if (current.client.status === "wait" || current.client.status === "connecting") {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_TIMEOUT_MS)));
    await Promise.race([current.ready, timeout]).finally(() => clearTimeout(timer));
  }
  if (!isReady(current.client)) throw new StoreUnavailableError("Redis store");
  return current.client;
}

/** Resolves once connected (waiting only for the process's first connection); else 503 upstream. */
export async function redisReady(): Promise<void> {
  await readyClient();
}

/**
 * Runs commands on Redis, timed for Server-Timing. A connection failure or timeout becomes
 * StoreUnavailableError (503 with Retry-After upstream); an error Redis itself answered (a bug
 * in a script, a wrong type) stays what it is.
 */
export async function withRedis<T>(work: (client: Redis) => Promise<T>): Promise<T> {
  const client = await readyClient();
  try {
    refuseDuringOutageDrill();
    return await timeRedis(() => work(client));
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new StoreUnavailableError("Redis store");
  }
}

/** One round trip: for /api/health. Throws StoreUnavailableError when Redis cannot be reached. */
export async function pingRedis(): Promise<void> {
  await withRedis((client) => client.ping());
}

/** Closes the connection (tests, scripts): nothing keeps the process alive. */
export async function disconnectRedis(): Promise<void> {
  const current = globalForRedis.authlabRedis;
  globalForRedis.authlabRedis = undefined;
  if (!current) return;
  current.down = true; // a close asked for is no outage: nothing to log
  current.client.disconnect();
}
