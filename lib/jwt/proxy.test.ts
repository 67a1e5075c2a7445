import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { jwtCookieNames, MAX_SUPERSEDED_BOUNCES } from "./cookies";
import { redirectToRefresh } from "./proxy";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const tokenWithExp = (exp: number) => `${b64({ alg: "ES256" })}.${b64({ exp })}.c2ln`;
const now = () => Math.floor(Date.now() / 1000);

function navigation(path: string, cookie: string | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    "sec-fetch-dest": "document",
    "sec-fetch-mode": "navigate",
    "sec-fetch-site": "same-origin",
    ...extra,
  };
  if (cookie !== null) headers.cookie = `${jwtCookieNames().access}=${cookie}`;
  return new NextRequest(`http://localhost:3000${path}`, { headers });
}

describe("redirectToRefresh (proxy.ts)", () => {
  it("sends a page load with an expired access cookie through the refresh endpoint and back", () => {
    const response = redirectToRefresh(navigation("/jwt?tab=claims", tokenWithExp(now() - 1)));
    expect(response?.status).toBe(307);
    const location = new URL(response!.headers.get("location")!);
    expect(location.pathname).toBe("/api/jwt/refresh");
    expect(location.searchParams.get("next")).toBe("/jwt?tab=claims");
  });

  it("treats an undecodable access cookie as expired (the refresh endpoint decides)", () => {
    expect(redirectToRefresh(navigation("/jwt", "garbage"))?.status).toBe(307);
  });

  it.each([
    ["a fresh token", navigation("/jwt", tokenWithExp(now() + 60))],
    ["no access cookie", navigation("/jwt", null)],
    ["an RSC navigation", navigation("/jwt", tokenWithExp(now() - 1), { rsc: "1" })],
    ["a router prefetch", navigation("/jwt", tokenWithExp(now() - 1), { "next-router-prefetch": "1" })],
    ["a speculative prefetch", navigation("/jwt", tokenWithExp(now() - 1), { "sec-purpose": "prefetch" })],
    ["an image request", navigation("/jwt", tokenWithExp(now() - 1), { "sec-fetch-dest": "image" })],
    [
      "the refresh endpoint itself (no loop)",
      navigation("/api/jwt/refresh?next=/jwt", tokenWithExp(now() - 1)),
    ],
    ["any API", navigation("/api/me", tokenWithExp(now() - 1))],
    [
      "a navigation from another site (no refresh cookie; no redirect loop)",
      navigation("/jwt", tokenWithExp(now() - 1), { "sec-fetch-site": "cross-site" }),
    ],
    [
      "a navigation from a sibling subdomain (the refresh endpoint refuses same-site)",
      navigation("/jwt", tokenWithExp(now() - 1), { "sec-fetch-site": "same-site" }),
    ],
  ])("leaves %s alone", (_label, request) => {
    expect(redirectToRefresh(request)).toBeNull();
  });

  it("bounces again after a superseded refresh, but stops after MAX_SUPERSEDED_BOUNCES (no loop)", () => {
    const expired = `${jwtCookieNames().access}=${tokenWithExp(now() - 1)}`;
    const withBounces = (count: number) =>
      new NextRequest("http://localhost:3000/jwt", {
        headers: {
          "sec-fetch-dest": "document",
          "sec-fetch-site": "none",
          cookie: `${expired}; authlab-jwt-superseded=${count}`,
        },
      });
    expect(redirectToRefresh(withBounces(MAX_SUPERSEDED_BOUNCES - 1))?.status).toBe(307);
    expect(redirectToRefresh(withBounces(MAX_SUPERSEDED_BOUNCES))).toBeNull();
  });
});
