// What Next's own server does before it loads: its request storage is built on the global
// AsyncLocalStorage (without it, Next falls back to a stand-in that refuses to run a request
// scope). Import this first in a test file that calls server actions (tests/support/server-action.ts).
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
