import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export type RequestContext = { ipAddress: string | null; userAgent: string | null };

/** A proxy's hop as an address: a bare IP, or one with brackets and a port; else null. */
function addressOf(hop: string | undefined): string | null {
  const value = hop?.trim() ?? "";
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)?.[1];
  if (bracketed && isIP(bracketed) === 6) return bracketed;
  const withPort = /^([\d.]+):\d+$/.exec(value)?.[1];
  return withPort && isIP(withPort) === 4 ? withPort : null;
}

/**
 * Client IP and user agent for rate limits and the audit log. Only the configured proxy's header
 * counts: with TRUST_PROXY=1, the right-most X-Forwarded-For hop, the address your proxy saw and
 * appended (or set, as Vercel does); the hops to its left are whatever the client wrote, and no
 * other header (X-Real-IP, Forwarded) is read, since a client could set it itself (ASVS 6.3.1:
 * a per-client limit keyed on an address the client chooses limits nothing). Without a
 * trusted proxy Next exposes no socket address, so there is no client IP: null, and the limits
 * that need one step aside (lib/auth/throttle.ts, docs/security.md).
 */
export function requestContextFrom(source: Headers): RequestContext {
  const userAgent = source.get("user-agent")?.slice(0, 512) ?? null;
  const ipAddress = env.TRUST_PROXY ? addressOf(source.get("x-forwarded-for")?.split(",").at(-1)) : null;
  return { ipAddress, userAgent };
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
  return isFirstPartyNavigation(request.headers);
}

/**
 * A navigation this site started, or the person did (typed, bookmarked, reloaded): Sec-Fetch-Site
 * `same-origin` or `none`. `same-site` is refused too: a sibling subdomain can set cookies for
 * this host's parent domain, so its navigations could plant a refresh cookie of its own choosing
 * (login CSRF, ASVS 3.5.x). A request without the header (no browser sends none any more) is not
 * one either.
 */
export function isFirstPartyNavigation(source: Headers): boolean {
  const site = source.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}

const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/** True for bodies a cross-site HTML form could send without a CORS preflight. */
export function isSimpleContentType(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return SIMPLE_TYPES.includes(type);
}
