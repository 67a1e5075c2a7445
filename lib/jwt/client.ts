// Browser-side refresh for client code. Single-flight: every caller in this tab shares one
// request, and the Web Locks API (where available) serialises tabs, so a legitimate user never
// presents one refresh token twice and trips reuse detection (RFC 9700 §4.14.2).

import { fail, ok, type Result } from "@/lib/core/result";

/**
 * Why a refresh did not happen. Only `refused` means the sign-in is over (the refresh token is
 * dead); `unavailable` is the server's 503 ("cannot check", not "signed out": try again);
 * `superseded` is another tab's rotation winning twice; `failed` is anything else (network, 500).
 */
export type ClientRefreshFailure = "refused" | "unavailable" | "superseded" | "failed";
export type ClientRefreshResult = Result<{ expiresAt: Date }, ClientRefreshFailure>;

function failureOf(status: number): ClientRefreshFailure {
  if (status === 409) return "superseded";
  if (status === 503) return "unavailable";
  return status >= 400 && status < 500 ? "refused" : "failed";
}

/**
 * A 409 `refresh_superseded` means another tab's refresh (a page load, which Web Locks do not
 * cover) rotated the cookie a moment ago; its response is setting fresh cookies. Wait this long,
 * once, then retry with whatever cookie the browser holds by then.
 */
export const SUPERSEDED_RETRY_DELAY_MS = 500;

let inFlight: Promise<ClientRefreshResult> | null = null;

async function requestRefresh(): Promise<ClientRefreshResult> {
  const first = await postRefresh();
  if (first.ok || first.reason !== "superseded") return first;
  await new Promise((resolve) => setTimeout(resolve, SUPERSEDED_RETRY_DELAY_MS));
  return postRefresh();
}

async function postRefresh(): Promise<ClientRefreshResult> {
  // JSON content type: not a "simple" request, so a cross-site page could not forge it.
  const response = await fetch("/api/jwt/refresh", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) return fail(failureOf(response.status));
  const body = (await response.json()) as { expires_at: string };
  return ok({ expiresAt: new Date(body.expires_at) });
}

/** Rotates the refresh cookie and renews the access cookie; concurrent calls share one request. */
export function refreshAccessToken(): Promise<ClientRefreshResult> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
      return locks ? await locks.request("authlab-jwt-refresh", requestRefresh) : await requestRefresh();
    } catch {
      return fail("failed");
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** What to tell the visitor when a refresh did not happen: only `refused` means "sign in again". */
export function describeRefreshFailure(reason: ClientRefreshFailure): string {
  if (reason === "refused") return "The refresh token was refused: sign in again.";
  if (reason === "unavailable") {
    return "authlab cannot reach its store right now. You are not signed out: try again in a few seconds.";
  }
  return "The refresh did not go through. Try again.";
}
