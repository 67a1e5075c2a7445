// The browser side of the refresh endpoint: cookie-based POST (same-origin only, new cookies with
// the right attributes) and the GET bounce proxy.ts sends page loads through.
import { describe, expect, it } from "vitest";
import { GET as bounce, POST as refresh } from "@/app/api/jwt/refresh/route";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { jsonRequest } from "@/tests/support/http";
import { signedInUser } from "@/tests/support/jwt";
import { duringOutage } from "@/tests/support/no-database";

const names = jwtCookieNames();
const cookieHeader = (refreshToken: string) => `${names.refresh}=${refreshToken}`;

describe("refresh with the browser's cookie", () => {
  it("rotates and sets both cookies with their attributes, tokens never in the body", async () => {
    const { pair } = await signedInUser();
    const response = await refresh(
      jsonRequest("/api/jwt/refresh", { body: {}, cookie: cookieHeader(pair.refresh.token) }),
    );
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(
      new RegExp(`^${names.access}=ey[^;]+; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax`),
    );
    expect(cookies[1]).toMatch(
      new RegExp(`^${names.refresh}=[^;]+; Path=/api/jwt/refresh; Max-Age=\\d+; HttpOnly; SameSite=Strict`),
    );
    const body = await response.text();
    expect(body).not.toContain("ey");
    expect(body).not.toContain(pair.refresh.token);
  });

  it("refuses a cross-origin request and leaves the token unused", async () => {
    const { pair } = await signedInUser();
    const response = await refresh(
      jsonRequest("/api/jwt/refresh", {
        body: {},
        cookie: cookieHeader(pair.refresh.token),
        headers: { origin: "https://evil.example" },
      }),
    );
    expect(response.status).toBe(403);
    // Still usable: the refused request did not consume it.
    const ok = await refresh(
      jsonRequest("/api/jwt/refresh", { body: { refresh_token: pair.refresh.token } }),
    );
    expect(ok.status).toBe(200);
  });

  it("clears both cookies when the refresh token is dead", async () => {
    const response = await refresh(
      jsonRequest("/api/jwt/refresh", { body: {}, cookie: cookieHeader("dead") }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().every((cookie) => cookie.includes("Max-Age=0"))).toBe(true);
  });
});

describe("GET /api/jwt/refresh (the navigation bounce)", () => {
  const navigate = (query: string, headers: Record<string, string>) =>
    bounce(
      new Request(`http://localhost:3000/api/jwt/refresh${query}`, {
        headers: { "sec-fetch-site": "same-origin", ...headers },
      }),
    );

  it("rotates and answers 303 back to a same-origin path", async () => {
    const { pair } = await signedInUser();
    const response = await navigate("?next=%2Fjwt%3Ftab%3D1", { cookie: cookieHeader(pair.refresh.token) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/jwt?tab=1");
    expect(response.headers.getSetCookie()).toHaveLength(2);
    expect(response.headers.getSetCookie()[0]).not.toContain("Max-Age=0");
  });

  it("never redirects off-site", async () => {
    const { pair } = await signedInUser();
    const response = await navigate("?next=%2F%2Fevil.example", { cookie: cookieHeader(pair.refresh.token) });
    expect(response.headers.get("location")).toBe("/jwt");
  });

  it("clears both cookies when it cannot refresh, so proxy does not send the browser back (no loop)", async () => {
    const response = await navigate("?next=%2Fjwt", {});
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()).toHaveLength(2);
    expect(response.headers.getSetCookie().every((cookie) => cookie.includes("Max-Age=0"))).toBe(true);
  });

  it("answers an outage with an HTML unavailable page (503, Retry-After, cookies kept) that retries", async () => {
    const { pair } = await signedInUser();
    const headers = { cookie: cookieHeader(pair.refresh.token), "sec-fetch-dest": "document" };
    const query = "?next=%2Fdashboard%3Fa%3D1&utm='x'";
    const response = await duringOutage(() => navigate(query, headers));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    // "Cannot check" is not "signed out": the refresh cookie stays for the retry.
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toContain("<h1>Temporarily unavailable</h1>");
    expect(html).toContain("You are not signed out");
    // "Try again" repeats this navigation (escaped into the attribute).
    expect(html).toContain(
      `<a href="/api/jwt/refresh?next=%2Fdashboard%3Fa%3D1&amp;utm=%27x%27">Try again</a>`,
    );
    expect(html).not.toContain(pair.refresh.token);

    // The store is back: the same link rotates and goes back to the page.
    const retried = await navigate(query, headers);
    expect(retried.status).toBe(303);
    expect(retried.headers.get("location")).toBe("/dashboard?a=1");
  });

  // Only Sec-Fetch-Site same-origin or none may rotate: a sibling subdomain (same-site) could
  // otherwise plant its own refresh cookie and sign the browser in as someone else (login CSRF).
  it.each(["cross-site", "same-site", null])("does nothing for Sec-Fetch-Site %s", async (site) => {
    const { pair } = await signedInUser();
    const headers = new Headers({ cookie: cookieHeader(pair.refresh.token) });
    if (site) headers.set("sec-fetch-site", site);
    const response = await bounce(
      new Request("http://localhost:3000/api/jwt/refresh?next=%2Fjwt", { headers }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/jwt");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("rotates for a navigation the person started (Sec-Fetch-Site none)", async () => {
    const { pair } = await signedInUser();
    const response = await navigate("?next=%2Fjwt", {
      cookie: cookieHeader(pair.refresh.token),
      "sec-fetch-site": "none",
    });
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });
});
