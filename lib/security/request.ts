import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export type RequestContext = { ipAddress: string | null; userAgent: string | null };

/**
 * Client IP and user agent for rate limits and the audit log. X-Forwarded-For is trusted only
 * when TRUST_PROXY is on (a spoofed header would otherwise dodge per-IP limits), and then only
 * its right-most entry: the address your proxy saw and appended (or set, as Vercel does); the
 * entries to its left are whatever the client wrote.
 */
export function requestContextFrom(source: Headers): RequestContext {
  const userAgent = source.get("user-agent")?.slice(0, 512) ?? null;
  let ipAddress: string | null = null;
  if (env.TRUST_PROXY) {
    ipAddress = source.get("x-forwarded-for")?.split(",").at(-1)?.trim() || source.get("x-real-ip");
  }
  // Without a trusted proxy Next does not expose the socket address; all direct clients share
  // the "local" bucket, which is exact for the loopback-only development server.
  return { ipAddress: ipAddress?.slice(0, 64) || "local", userAgent };
}

/** The same, for server components and server actions. */
export async function currentRequestContext(): Promise<RequestContext> {
  return requestContextFrom(await headers());
}

/**
 * CSRF defence for state-changing route handlers (ASVS 3.5.x): the request must come from this
 * origin (Origin, else Sec-Fetch-Site) and must not be a "simple" cross-site form post.
 * Server actions get Next's own Origin/Host check.
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = request.headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}

const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/** True for bodies a cross-site HTML form could send without a CORS preflight. */
export function isSimpleContentType(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return SIMPLE_TYPES.includes(type);
}
