import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { isStoreUnavailable, RETRY_AFTER_SECONDS, StoreUnavailableError } from "@/lib/db/errors";
import { logger } from "@/lib/log";
import { isSameOriginRequest, isSimpleContentType } from "@/lib/security/request";
import { type RequestTimings, serverTimingValue, withRequestTimings } from "@/lib/timing";
import { HttpError, retryAfter } from "./errors";
import { htmlPage } from "./html";
import { jsonError } from "./json";

type Handler<C> = (request: Request, context: C) => Promise<Response>;
/** What Next calls. The context is optional so tests can call a handler with a Request alone. */
type RouteHandler<C> = (request: Request, context?: C) => Promise<Response>;

export type RouteOptions = {
  /**
   * Cookie-authenticated, state-changing handlers (ASVS 3.5.1-3.5.3): refuse cross-site requests
   * and bodies an HTML form can send without a CORS preflight.
   */
  sameOrigin?: boolean;
  /**
   * A browser navigates here (a top-level GET, e.g. proxy.ts's refresh bounce): a store outage or
   * an unexpected error is answered as an HTML page with the same status and headers, whose "Try
   * again" repeats the navigation, instead of raw JSON in the browser window.
   */
  navigation?: boolean;
};

const wrapped = new WeakSet<object>();

/** True for a handler made by `route()` (the route-list test checks every export with it). */
export function isRouteHandler(handler: unknown): boolean {
  return typeof handler === "function" && wrapped.has(handler);
}

function refuseCrossSite(request: Request): void {
  if (!isSameOriginRequest(request)) {
    throw new HttpError(403, "cross_origin", "This request must come from the authlab app itself.");
  }
  if (request.method !== "GET" && request.headers.has("content-type") && isSimpleContentType(request)) {
    throw new HttpError(415, "unsupported_media_type", "Send JSON (Content-Type: application/json).");
  }
}

/** 503 with Retry-After: "cannot check right now", which a client must not read as signed out. */
export function unavailableResponse(): Response {
  return jsonError(
    503,
    "temporarily_unavailable",
    "authlab cannot reach its store right now. Try again in a few seconds.",
    retryAfter(RETRY_AFTER_SECONDS),
  );
}

/** The words app/error.tsx uses for the same state, so a visitor reads one message. */
const UNAVAILABLE_PAGE = {
  title: "Temporarily unavailable",
  message:
    "authlab cannot check your sign-in right now because its store is not answering. You are not signed out: try again in a few seconds.",
};

/** This request again, as a same-origin path: "Try again" on a navigation's error page. */
function sameRequestPath(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/**
 * What every route handler's response carries: Server-Timing (docs/benchmarks.md: measured
 * durations and counts only) and, unless the handler chose its own (the public JWKS),
 * `Cache-Control: no-store`, since an API answer depends on the credential it was asked with
 * (ASVS 5.0 14.3.2). Copied when the response's headers are immutable (Response.redirect).
 */
function finishResponse(response: Response, timings: RequestTimings): Response {
  const timing = serverTimingValue(timings);
  const noStore = !response.headers.has("cache-control");
  if (!timing && !noStore) return response;
  const set = (headers: Headers) => {
    if (timing) headers.append("Server-Timing", timing);
    if (noStore) headers.set("Cache-Control", "no-store");
  };
  try {
    set(response.headers);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    set(headers);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * The one wrapper every route handler goes through. Expected failures (HttpError) become their
 * 4xx; a store that is down becomes 503 with Retry-After; anything else is logged with a request
 * id and answered with a JSON 500 that carries that id and nothing else: no stack, SQL or token
 * (ASVS 16.5.1). Next's own control flow (redirect, notFound) passes through.
 */
export function route<C = unknown>(
  name: string,
  handler: Handler<C>,
  options: RouteOptions = {},
): RouteHandler<C> {
  const handle = async (request: Request, context: C | undefined): Promise<Response> => {
    try {
      if (options.sameOrigin) refuseCrossSite(request);
      return await handler(request, context as C);
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof HttpError) return error.toResponse();
      const retry = { href: sameRequestPath(request), label: "Try again" };
      if (error instanceof StoreUnavailableError || isStoreUnavailable(error)) {
        logger.warn("http: store unavailable", { route: name, error });
        if (!options.navigation) return unavailableResponse();
        return htmlPage(503, {
          ...UNAVAILABLE_PAGE,
          action: retry,
          headers: retryAfter(RETRY_AFTER_SECONDS),
        });
      }
      const requestId = randomUUID();
      logger.error("http: unexpected error", { route: name, requestId, error });
      const message = `Something went wrong on our side. If it keeps happening, report request id ${requestId}.`;
      const response = options.navigation
        ? htmlPage(500, { title: "Something went wrong", message, action: retry })
        : jsonError(500, "server_error", message);
      response.headers.set("X-Request-Id", requestId);
      return response;
    }
  };
  const run: RouteHandler<C> = async (request, context) => {
    const { result, timings } = await withRequestTimings(() => handle(request, context));
    return finishResponse(result, timings);
  };
  wrapped.add(run);
  return run;
}
