// The browser refresh helper: single-flight in a tab, and a "superseded" answer (another tab's
// page load rotated the cookie a moment ago) is retried once after a short wait, not given up on.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refreshAccessToken, SUPERSEDED_RETRY_DELAY_MS } from "./client";

const superseded = () =>
  Response.json({ error: { code: "refresh_superseded", message: "" } }, { status: 409 });
const refreshed = () => Response.json({ expires_at: "2030-01-01T00:00:00.000Z" });

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("refreshAccessToken", () => {
  it("retries once, after SUPERSEDED_RETRY_DELAY_MS, when the refresh was superseded", async () => {
    fetchMock.mockResolvedValueOnce(superseded()).mockResolvedValueOnce(refreshed());
    const result = refreshAccessToken();
    await vi.advanceTimersByTimeAsync(SUPERSEDED_RETRY_DELAY_MS - 1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ ok: true, value: { expiresAt: new Date("2030-01-01T00:00:00.000Z") } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("gives up after the one retry", async () => {
    fetchMock.mockResolvedValueOnce(superseded()).mockResolvedValueOnce(superseded());
    const result = refreshAccessToken();
    await vi.advanceTimersByTimeAsync(SUPERSEDED_RETRY_DELAY_MS);
    expect(await result).toEqual({ ok: false, reason: "superseded" });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("does not retry a dead refresh token (400), and concurrent callers share one request", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: { code: "invalid_grant", message: "" } }, { status: 400 }),
    );
    const results = await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect(results).toEqual([
      { ok: false, reason: "refused" },
      { ok: false, reason: "refused" },
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("tells a store outage (503) and a network failure apart from a refused token", async () => {
    fetchMock.mockResolvedValueOnce(
      Response.json({ error: { code: "temporarily_unavailable", message: "" } }, { status: 503 }),
    );
    expect(await refreshAccessToken()).toEqual({ ok: false, reason: "unavailable" });
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    expect(await refreshAccessToken()).toEqual({ ok: false, reason: "failed" });
    fetchMock.mockResolvedValueOnce(new Response("oops", { status: 500 }));
    expect(await refreshAccessToken()).toEqual({ ok: false, reason: "failed" });
  });
});
