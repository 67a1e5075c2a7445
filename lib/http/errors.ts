import "server-only";
import { jsonError } from "./json";

/**
 * An expected failure that knows its HTTP answer. Route handlers (and the helpers they call)
 * throw it; lib/http/route.ts turns it into `{ error: { code, message } }` with its status and
 * headers. Anything else that escapes a handler is unexpected: logged, and answered 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }

  toResponse(): Response {
    return jsonError(this.status, this.code, this.message, this.headers);
  }
}

/** The one `Retry-After` convention: whole seconds, never less than one. */
export function retryAfter(seconds: number): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
}

/** 429 for every rate limit, worded once (ASVS 6.3.1). */
export function tooManyAttempts(retryAfterSeconds: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(
    429,
    "rate_limited",
    `Too many attempts. Try again in ${seconds} seconds.`,
    retryAfter(seconds),
  );
}
