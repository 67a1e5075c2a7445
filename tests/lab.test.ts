// The comparison lab (issue 12): the run route streams real measurements from the real modes,
// deletes its throw-away user whatever happens, and refuses what it must before writing anything.
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as runLab } from "@/app/api/lab/run/route";
import { db } from "@/lib/db";
import { RECOMMENDATIONS } from "@/lib/lab/choose";
import { compareTable } from "@/lib/lab/compare-table";
import { signInJwt, signInSession } from "@/lib/lab/context";
import { sizeExperiment } from "@/lib/lab/experiments/size";
import { EXPERIMENT_SLUGS, listExperiments } from "@/lib/lab/registry";
import { STANDARDS } from "@/lib/lab/standards";
import { THROWAWAY_EMAIL_DOMAIN } from "@/lib/lab/throwaway";
import type { LabEvent, LabResult } from "@/lib/lab/types";
import { clientNetwork, hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { clientIp, jsonRequest } from "@/tests/support/http";

async function post(body: unknown, headers: Record<string, string | null> = clientIp()) {
  return runLab(jsonRequest("/api/lab/run", { body: body as Record<string, unknown>, headers }));
}

async function events(response: Response): Promise<LabEvent[]> {
  return (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as LabEvent);
}

async function run(slug: string): Promise<{ steps: number; result: LabResult }> {
  const response = await post({ slug });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/x-ndjson");
  const all = await events(response);
  const last = all.at(-1)!;
  expect(last.type, JSON.stringify(last)).toBe("result");
  return {
    steps: all.filter((event) => event.type === "step").length,
    result: (last as { result: LabResult }).result,
  };
}

function measured(result: LabResult, label: string): string {
  const found = result.measurements.find((measurement) => measurement.label === label);
  expect(found, label).toBeDefined();
  return found!.value;
}

/** Everything a run could leave behind, counted across the whole database. */
async function leftovers() {
  const [users, sessions, families, tokens, oauth, keys, denied] = await Promise.all([
    db.user.count({ where: { email: { endsWith: `@${THROWAWAY_EMAIL_DOMAIN}` } } }),
    db.serverSession.count(),
    db.refreshTokenFamily.count(),
    db.refreshToken.count(),
    db.session.count(),
    db.apiKey.count(),
    db.revokedAccessToken.count({ where: { userId: { not: null } } }),
  ]);
  return { users, sessions, families, tokens, oauth, keys, denied };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the /compare table", () => {
  it("links every cell to a built experiment or to a cited standard", () => {
    const standards = new Set<string>(Object.values(STANDARDS).map((standard) => standard.url));
    const rows = compareTable();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows) {
      for (const cell of row.cells) {
        if (cell.external) expect(standards.has(cell.href), cell.href).toBe(true);
        else expect(EXPERIMENT_SLUGS.map((slug) => `/compare/${slug}`)).toContain(cell.href);
      }
    }
    // Every built experiment is reachable from the table.
    const linked = new Set(rows.flatMap((row) => row.cells.map((cell) => cell.href)));
    for (const slug of EXPERIMENT_SLUGS) expect(linked.has(`/compare/${slug}`), slug).toBe(true);
    expect(new Set(listExperiments().map((info) => info.slug)).size).toBe(EXPERIMENT_SLUGS.length);
  });

  it('rests every "which should I choose" recommendation on experiments the lab runs', () => {
    expect(RECOMMENDATIONS.length).toBeGreaterThanOrEqual(4);
    for (const recommendation of RECOMMENDATIONS) {
      expect(recommendation.because.length, recommendation.need).toBeGreaterThan(0);
      for (const reason of recommendation.because)
        expect(EXPERIMENT_SLUGS, reason.slug).toContain(reason.slug);
    }
  });
});

describe("the run route", () => {
  it("size: measures each mode's real cookie and the JWT's growth per claim", async () => {
    const before = await leftovers();
    const { steps, result } = await run("size");
    expect(steps).toBeGreaterThanOrEqual(5);
    const jwt = Number(measured(result, "JWT access cookie, every request").replace(" B", ""));
    const session = Number(
      measured(result, "Session cookie (sealed token), every request").replace(" B", ""),
    );
    const oauth = Number(measured(result, "Auth.js session cookie, every request").replace(" B", ""));
    expect(oauth).toBe("authjs.session-token=".length + 43); // 256 bits, base64url
    expect(jwt).toBeGreaterThan(session);
    expect(result.verdict).toBe("holds");
    expect(Number(measured(result, "Each extra claim adds").replace(" B", ""))).toBeGreaterThan(20);
    expect(await leftovers()).toEqual(before);
  });

  it("readable payload: the JWT's claims decode with no key, the seal does not, and no signature is sent", async () => {
    const { result } = await run("readable-payload");
    expect(result.verdict).toBe("holds");
    const claims = JSON.parse(Buffer.from(result.data!.jwtPayloadSegment!, "base64url").toString()) as {
      email: string;
    };
    expect(claims.email).toMatch(new RegExp(`@${THROWAWAY_EMAIL_DOMAIN}$`));
    expect(JSON.stringify(result.data)).not.toMatch(/[\w-]+\.[\w-]+\.[\w-]{40,}/);
    expect(measured(result, "Seal decodes to JSON, the email or the user id")).toBe("no");
  });

  it("logout: the session is refused at once, the JWT accepted until exp, refused with the deny-list at one read", async () => {
    const before = await leftovers();
    const { result } = await run("logout");
    expect(measured(result, "Session cookie after sign-out")).toBe("refused");
    expect(measured(result, "Auth.js session cookie after sign-out")).toBe("refused");
    expect(measured(result, "JWT access token after sign-out")).toBe("accepted");
    expect(measured(result, "Same JWT with the deny-list consulted")).toBe("refused");
    expect(measured(result, "JWT check without the deny-list")).toMatch(/, 0 store reads$/);
    expect(measured(result, "JWT check with the deny-list")).toMatch(/, 1 store read$/);
    expect(result.verdict).toBe("holds");
    expect(result.headline).toMatch(/JWT accepted after sign-out: yes, for \d+ s/);
    expect(await leftovers()).toEqual(before);
  });

  it("server storage: counts the rows each mode keeps, and none read for an access token", async () => {
    const { result } = await run("server-storage");
    expect(measured(result, "Session mode: server sessions")).toBe("1");
    expect(measured(result, "JWT mode: refresh families")).toBe("1");
    expect(measured(result, "JWT mode: refresh token rows after sign-in")).toBe("1");
    expect(measured(result, "JWT mode: refresh token rows after 3 refreshes")).toBe("4");
    expect(measured(result, "JWT mode: store reads to verify an access token")).toBe("0");
    expect(measured(result, "Auth.js: auth_sessions rows")).toBe("1");
    expect(result.verdict).toBe("does_not_hold");
  });

  it("per-request cost: times the real identity check per mode and reports its Server-Timing", async () => {
    const { result } = await run("per-request-cost");
    const reads = (label: string) =>
      Number(measured(result, `${label}: median check, store reads`).split(", ")[1]);
    expect(reads("Session cookie")).toBe(1);
    expect(reads("JWT cookie")).toBe(0);
    expect(reads("JWT Bearer")).toBe(0);
    expect(reads("Auth.js session cookie")).toBe(1);
    // One store read: a SQL query, or with REDIS_URL set one Redis command and no SQL.
    expect(measured(result, "Session cookie: Server-Timing")).toMatch(
      /^auth;dur=[\d.]+;desc="session", (db;dur=[\d.]+;desc="1 query"|db;dur=0;desc="0 queries", redis;dur=[\d.]+;desc="1 command")/,
    );
    expect(measured(result, "JWT Bearer: Server-Timing")).toMatch(/db;dur=0;desc="0 queries"/);
    // The verdict follows from the numbers shown, whichever way this machine measured them.
    const median = (label: string) => measured(result, `${label}: median check, store reads`).split(", ")[0]!;
    const ms = (text: string) =>
      text.endsWith(" µs") ? Number.parseFloat(text) / 1000 : Number.parseFloat(text);
    const jwtFaster = ms(median("JWT cookie")) < ms(median("Session cookie"));
    expect(result.verdict).toBe(jwtFaster ? "holds_at_a_cost" : "does_not_hold");
    expect(
      result.measurements.some((m) => m.label.startsWith("Bench ") && / the bare route /.test(m.value)),
    ).toBe(true);
  });

  it("stolen refresh token: the replayed copy revokes the family, the browser is refused next, the audit log shows it", async () => {
    const { result } = await run("stolen-refresh-token");
    expect(measured(result, "Copy of #1 via the cookie path, within the grace")).toBe("refused: superseded");
    expect(measured(result, "Copy of #1 via the token API")).toBe("refused: reused");
    expect(measured(result, "Family after the reuse")).toBe("revoked (reuse_detected)");
    expect(measured(result, "Legitimate refresh with #2")).toBe("refused: revoked");
    expect(Number(measured(result, "token.reuse_detected audit events"))).toBeGreaterThanOrEqual(1);
    expect(result.verdict).toBe("holds");
  });

  it("API keys: accepted by the API with its scope, ignored by pages, refused right after revocation", async () => {
    const before = await leftovers();
    const { result } = await run("api-keys");
    expect(measured(result, "GET /api/me with the key (read:profile)")).toBe("accepted (200)");
    expect(measured(result, "GET /api/me/sessions with the key (no read:sessions)")).toBe(
      "refused (403 insufficient_scope)",
    );
    expect(measured(result, "A page with the same Authorization header")).toBe("nobody signed in");
    expect(measured(result, "The key after revocation")).toBe("refused (401 invalid_token)");
    expect(result.verdict).toBe("holds");
    expect(await leftovers()).toEqual(before);
  });

  it("offline verification: a process with no database and no secret verifies the token from the JWKS alone", async () => {
    const before = await leftovers();
    const { result } = await run("offline-verification");
    expect(measured(result, "Environment variables the verifier had")).toBe("0");
    expect(measured(result, "ES256 access token")).toBe(
      "verified: checked with the public key from the JWKS",
    );
    expect(measured(result, "Subject it read")).toBe("the signed-in user");
    expect(measured(result, "Same token, payload altered")).toBe("refused (signature fails)");
    expect(measured(result, "HS256 token, no secret")).toBe(
      "HS256 needs the shared secret, and this verifier has none",
    );
    expect(measured(result, "HS256 token, with the secret")).toBe("verified");
    expect(measured(result, "Token the verifier minted with the secret")).toBe("accepted for another user");
    expect(result.data?.verifier).toContain("subtle.verify");
    expect(result.verdict).toBe("holds");
    expect(await leftovers()).toEqual(before);
  });

  it("store outage: session and Auth.js answer 503 while the JWT is accepted, and all recover at once", async () => {
    const before = await leftovers();
    const { result } = await run("store-outage");
    expect(measured(result, "Session cookie, store down")).toBe("503, Retry-After: 5 s");
    expect(measured(result, "Auth.js session cookie, store down")).toBe("503, Retry-After: 5 s");
    expect(measured(result, "JWT access token (Bearer), store down")).toBe("200, signed in");
    expect(measured(result, "JWT refresh, store down")).toBe("503, cannot rotate");
    expect(Number(measured(result, "Store round trips refused during the outage"))).toBeGreaterThanOrEqual(3);
    for (const label of ["Session cookie", "Auth.js session cookie", "JWT access token (Bearer)"]) {
      expect(measured(result, `${label}, store back`)).toBe("200, signed in");
    }
    expect(result.verdict).toBe("holds_at_a_cost");
    expect(result.cost).toMatch(/^only until the access token expires/);
    expect(await leftovers()).toEqual(before);
  });

  it("delegated sign-in: no password hash, no provider token kept, a session until sign-out everywhere", async () => {
    const before = await leftovers();
    const { result } = await run("delegated-sign-in");
    expect(measured(result, "Password hash for the provider user")).toBe("none");
    expect(measured(result, "Provider tokens in the database")).toBe("0 of 3");
    expect(measured(result, "Password sign-in for the address")).toBe(
      "refused (the same answer as a wrong password)",
    );
    expect(measured(result, "Auth.js session cookie")).toBe("signed in");
    expect(measured(result, "The same cookie after signing out everywhere")).toBe("refused");
    expect(result.verdict).toBe("holds_at_a_cost");
    // The provider user is deleted too (its address is a lab address).
    expect(await leftovers()).toEqual(before);
  });

  it("scaling: without a second instance (LAB_PEER_URL) answers 409 saying what it needs, and creates nobody", async () => {
    const before = await leftovers();
    const response = await post({ slug: "scaling" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_available_here");
    expect(body.error.message).toContain("LAB_PEER_URL");
    expect(listExperiments().find((info) => info.slug === "scaling")?.unavailable).toBe(body.error.message);
    expect(await leftovers()).toEqual(before);
  });

  it("deletes the throw-away user and what it held when the experiment fails midway", async () => {
    const before = await leftovers();
    vi.spyOn(sizeExperiment, "run").mockImplementationOnce(async (lab) => {
      await signInSession(lab);
      await signInJwt(lab);
      throw new Error("boom in the middle of a run");
    });
    const response = await post({ slug: "size" });
    expect(response.status).toBe(200);
    const last = (await events(response)).at(-1)!;
    expect(last).toMatchObject({ type: "error", error: { code: "server_error" } });
    expect(JSON.stringify(last)).not.toContain("boom");
    expect(await leftovers()).toEqual(before);
  });

  it("refuses a cross-site request and an unknown slug before creating anyone", async () => {
    const before = await leftovers();
    const crossSite = await post({ slug: "size" }, { ...clientIp(), origin: "http://evil.example" });
    expect(crossSite.status).toBe(403);
    const unknown = await post({ slug: "placeholder" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: "invalid_request" } });
    const form = await runLab(
      jsonRequest("/api/lab/run", {
        body: "slug=size",
        headers: { ...clientIp(), "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(form.status).toBe(415);
    expect(await leftovers()).toEqual(before);
  });

  it("is rate limited per client network, answering 429 before the throw-away user is made", async () => {
    const ip = clientIp();
    for (let i = 0; i < RATE_LIMITS.labRunPerIp.limit; i++) {
      await hitRateLimit(RATE_LIMITS.labRunPerIp, clientNetwork(ip["x-forwarded-for"]));
    }
    const before = await leftovers();
    const response = await post({ slug: "size" }, ip);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(await leftovers()).toEqual(before);
  });
});
