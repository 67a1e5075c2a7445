import { sealData } from "iron-session";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/bench/[target]/route.bench";
import { BENCH_IRON_COOKIE } from "@/lib/bench/cookie";
import { resetEnvForTests } from "@/lib/env";
import { createOAuthSession, signInSessionUser } from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";
import { accessCookieHeader, signedInUser } from "@/tests/support/jwt";

// `npm run bench`'s endpoint (lib/bench/targets.ts): only a bench build has it as a route, and
// even there it answers only with BENCH=1.

function call(target: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  return GET(jsonRequest(`/api/bench/${target}`, options), { params: Promise.resolve({ target }) });
}

function benchSetting(on: boolean): void {
  if (on) process.env.BENCH = "1";
  else delete process.env.BENCH;
  resetEnvForTests();
}

describe("the bench endpoint", () => {
  afterEach(() => benchSetting(false));

  it("answers 404 for every target without BENCH=1, whatever the credential", async () => {
    const { user, pair } = await signedInUser();
    const { cookieHeader } = await signInSessionUser(user);
    for (const target of ["bare", "session", "jwt", "oauth", "authjs", "iron", "nope"]) {
      const response = await call(target, {
        cookie: `${cookieHeader}; ${accessCookieHeader(pair.access.token)}`,
      });
      expect(response.status, target).toBe(404);
    }
  });

  it("is not a route in a normal build: route.bench.ts is a route only with AUTHLAB_BENCH_BUILD=1", async () => {
    const { default: config } = await import("@/next.config");
    expect(process.env.AUTHLAB_BENCH_BUILD).toBeUndefined();
    expect(config.pageExtensions).not.toContain("bench.ts");
  });

  it("with BENCH=1 serves the same JSON behind each check, and 401 without its credential", async () => {
    benchSetting(true);
    const { user, pair } = await signedInUser();
    const expected = { user: { id: user.id, email: user.email } };
    expect(await (await call("bare")).json()).toEqual({
      user: { id: "bench", email: "bench@authlab.invalid" },
    });

    const session = await signInSessionUser(user);
    const oauth = await createOAuthSession(user.id);
    const iron = await sealData(
      { user: { id: user.id, email: user.email } },
      { password: process.env.SESSION_SECRET! },
    );
    const credentials: [string, { cookie?: string; headers?: Record<string, string> }][] = [
      ["session", { cookie: session.cookieHeader }],
      ["jwt", { cookie: accessCookieHeader(pair.access.token) }],
      ["jwt", { headers: { authorization: `Bearer ${pair.access.token}` } }],
      ["oauth", { cookie: oauth.cookieHeader }],
      ["iron", { cookie: `${BENCH_IRON_COOKIE}=${iron}` }],
    ];
    for (const [target, credential] of credentials) {
      const response = await call(target, credential);
      expect(response.status, target).toBe(200);
      expect(await response.json()).toEqual(expected);
      // The mode's own check is what was measured, and says so.
      if (target !== "iron") expect(response.headers.get("server-timing"), target).toMatch(/^auth;dur=/);
      expect((await call(target)).status, `${target} without a credential`).toBe(401);
    }
    expect((await call("nope")).status).toBe(404);
    // Another mode's credential does not pass a mode's check.
    expect((await call("session", { cookie: oauth.cookieHeader })).status).toBe(401);
  });
});
