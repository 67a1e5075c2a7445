import "server-only";

// Request-scoped timing of identity checks, reported as Server-Timing (docs/benchmarks.md).
export {
  currentTimings,
  type ModeTimings,
  type RequestTimings,
  timeCrypto,
  timeCryptoSync,
  timeIdentityCheck,
  timeModeCheck,
  timeRedis,
  timeStore,
  withRequestTimings,
} from "./recorder";
export { parseServerTiming, serverTimingValue } from "./header";
