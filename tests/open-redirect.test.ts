// Issue 10, item 1: one redirect decision, taken after URL normalisation, on every redirecting
// endpoint. The pages and server actions are covered in e2e/open-redirect.spec.ts.
import { describe, expect, it } from "vitest";
import { GET as bounce } from "@/app/api/jwt/refresh/route";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { DEFAULT_AFTER_SIGN_IN, sameOriginRedirect } from "@/lib/oauth/paths";
import { signedInUser } from "@/tests/support/jwt";
import { OPEN_REDIRECT_PAYLOADS } from "@/tests/support/open-redirect";

const ORIGIN = "http://localhost:3000";

function navigate(next: string, cookie?: string): Promise<Response> {
  const url = `${ORIGIN}/api/jwt/refresh?${new URLSearchParams({ next })}`;
  return bounce(
    new Request(url, { headers: { "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) } }),
  );
}

function expectSameOrigin(location: string | null): void {
  expect(location).not.toBeNull();
  expect(new URL(location ?? "", ORIGIN).origin).toBe(ORIGIN);
}

describe("GET /api/jwt/refresh?next= (RFC 9700 §4.11.2)", () => {
  it.each(OPEN_REDIRECT_PAYLOADS)("answers 303 to /jwt for next=%j after a refresh", async (next) => {
    const { pair } = await signedInUser();
    const response = await navigate(next, `${jwtCookieNames().refresh}=${pair.refresh.token}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/jwt");
  });

  it.each(OPEN_REDIRECT_PAYLOADS)("answers 303 to /jwt for next=%j without a cookie", async (next) => {
    const response = await navigate(next);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/jwt");
  });
});

describe("Auth.js redirect callback (callbackUrl, redirectTo)", () => {
  it.each(OPEN_REDIRECT_PAYLOADS)("keeps %j on this origin, as a path or prefixed with it", (payload) => {
    const fallback = `${ORIGIN}${DEFAULT_AFTER_SIGN_IN}`;
    expect(sameOriginRedirect(payload, ORIGIN)).toBe(fallback);
    const prefixed = sameOriginRedirect(`${ORIGIN}${payload}`, ORIGIN);
    expectSameOrigin(prefixed);
    expect(new URL(prefixed).pathname.startsWith("//")).toBe(false);
  });

  it("keeps a same-origin destination, absolute or relative", () => {
    expect(sameOriginRedirect("/account?x=1", ORIGIN)).toBe(`${ORIGIN}/account?x=1`);
    expect(sameOriginRedirect(`${ORIGIN}/account`, ORIGIN)).toBe(`${ORIGIN}/account`);
    expect(sameOriginRedirect(ORIGIN, ORIGIN)).toBe(`${ORIGIN}/`);
    expect(sameOriginRedirect(`${ORIGIN}@evil.example/`, ORIGIN)).toBe(`${ORIGIN}${DEFAULT_AFTER_SIGN_IN}`);
  });
});
