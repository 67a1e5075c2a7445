// Browser-side refresh for client code. Single-flight: every caller in this tab shares one
// request, and the Web Locks API (where available) serialises tabs, so a legitimate user never
// presents one refresh token twice and trips reuse detection (RFC 9700 §4.14.2).

export type ClientRefreshResult = { ok: true; expiresAt: Date } | { ok: false; status: number };

/**
 * A 409 `refresh_superseded` means another tab's refresh (a page load, which Web Locks do not
 * cover) rotated the cookie a moment ago; its response is setting fresh cookies. Wait this long,
 * once, then retry with whatever cookie the browser holds by then.
 */
export const SUPERSEDED_RETRY_DELAY_MS = 500;

let inFlight: Promise<ClientRefreshResult> | null = null;

async function requestRefresh(): Promise<ClientRefreshResult> {
  const first = await postRefresh();
  if (first.ok || first.status !== 409) return first;
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
  if (!response.ok) return { ok: false, status: response.status };
  const body = (await response.json()) as { expires_at: string };
  return { ok: true, expiresAt: new Date(body.expires_at) };
}

/** Rotates the refresh cookie and renews the access cookie; concurrent calls share one request. */
export function refreshAccessToken(): Promise<ClientRefreshResult> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
      return locks ? await locks.request("authlab-jwt-refresh", requestRefresh) : await requestRefresh();
    } catch {
      return { ok: false, status: 0 };
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
