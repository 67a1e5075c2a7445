// The comparison lab (issue 12) in real Chromium: each experiment runs from its page against the
// real modes, and the test asserts the outcome the page reports, not only that it rendered.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { query } from "./support/db";
import { startSecondServer } from "./support/second-server";
import { E2E_BASE_URL } from "./support/server-config";
import { e2eSettings, LAB_PEER_PORT } from "./support/settings";

/** Whether the run's throw-away user (named on the page) is still in the database. */
async function throwawayLeft(page: Page): Promise<number> {
  const email = await page.getByTestId("throwaway-email").textContent();
  expect(email).toMatch(/^lab-[0-9a-f]{16}@lab\.authlab\.test$/);
  const [row] = await query<{ count: number | string }>(
    `SELECT COUNT(*) AS "count" FROM "users" WHERE "email" = ?`,
    [email],
  );
  return Number(row?.count ?? 0);
}

test("every /compare cell links to an experiment page that exists or to a cited standard", async ({
  page,
  labPages,
  request,
}) => {
  await labPages.openTable();
  const cells = page.getByTestId("compare-table").locator("td");
  const count = await cells.count();
  expect(count).toBeGreaterThanOrEqual(36);
  const internal = new Set<string>();
  for (let i = 0; i < count; i++) {
    const href = await cells.nth(i).getByRole("link").getAttribute("href");
    expect(href, `cell ${i}`).toMatch(
      /^(\/compare\/[a-z-]+|https:\/\/(www\.rfc-editor\.org|github\.com\/OWASP|cheatsheetseries\.owasp\.org|openid\.net)\/)/,
    );
    if (href!.startsWith("/")) internal.add(href!);
  }
  expect(internal.size).toBeGreaterThanOrEqual(4);
  // "Which should I choose" rests each recommendation on experiments: their links resolve too.
  const reasons = page.getByTestId("choose").getByRole("link");
  expect(await reasons.count()).toBeGreaterThanOrEqual(6);
  for (const href of await reasons.evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
    expect(href).toMatch(/^\/compare\/[a-z-]+$/);
    internal.add(href!);
  }
  for (const href of internal) {
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
  }
  expect((await request.get("/compare/not-an-experiment")).status()).toBe(404);
});

test("size: the page reports each cookie's measured bytes and a verdict that matches them", async ({
  page,
  labPages,
}) => {
  await labPages.open("size");
  await labPages.run();
  const jwt = await labPages.bytes("JWT access cookie, every request");
  const session = await labPages.bytes("Session cookie (sealed token), every request");
  const oauth = await labPages.bytes("Auth.js session cookie, every request");
  expect(oauth).toBe("authjs.session-token=".length + 43); // 256 bits, base64url
  expect(jwt).toBeGreaterThan(session);
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  await expect(labPages.headline).toHaveText(
    `Per request: JWT cookie ${jwt} B, sealed session cookie ${session} B, Auth.js session cookie ${oauth} B`,
  );
  expect(await labPages.steps.count()).toBeGreaterThanOrEqual(5);
  expect(await throwawayLeft(page)).toBe(0);
});

test("readable payload: the browser decodes the JWT's claims with no key, and the seal stays opaque", async ({
  page,
  labPages,
}) => {
  await labPages.open("readable-payload");
  await labPages.run();
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  await expect(page.getByTestId("browser-claims")).toHaveAttribute("data-readable", "yes");
  await expect(page.getByTestId("browser-claims")).toContainText(
    /"email": "lab-[0-9a-f]{16}@lab\.authlab\.test"/,
  );
  await expect(page.getByTestId("browser-seal")).toHaveAttribute("data-readable", "no");
  await expect(page.getByTestId("browser-seal")).toContainText("Not readable");
  expect(await throwawayLeft(page)).toBe(0);
});

test("logout: session refused at once, JWT accepted until exp, refused with the deny-list", async ({
  page,
  labPages,
}) => {
  await labPages.open("logout");
  await page.getByRole("button", { name: "Run the experiment" }).click();
  await expect(page.getByRole("button", { name: "Running…" })).toBeDisabled();
  await expect(labPages.verdict).toBeVisible({ timeout: 60_000 });
  await expect(labPages.measurement("Session cookie after sign-out")).toHaveText("refused");
  await expect(labPages.measurement("Auth.js session cookie after sign-out")).toHaveText("refused");
  await expect(labPages.measurement("JWT access token after sign-out")).toHaveText("accepted");
  await expect(labPages.measurement("Same JWT with the deny-list consulted")).toHaveText("refused");
  await expect(labPages.measurement("JWT check with the deny-list")).toHaveText(/, 1 store read$/);
  await expect(labPages.headline).toHaveText(/JWT accepted after sign-out: yes, for \d+ s/);
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  expect(await throwawayLeft(page)).toBe(0);
});

test("server storage: the rows each mode keeps, counted live, and a copy of the result as JSON", async ({
  page,
  context,
  labPages,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await labPages.open("server-storage");
  await labPages.run();
  await expect(labPages.measurement("Session mode: server sessions")).toHaveText("1");
  await expect(labPages.measurement("JWT mode: refresh token rows after 3 refreshes")).toHaveText("4");
  await expect(labPages.measurement("JWT mode: store reads to verify an access token")).toHaveText("0");
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "does_not_hold");
  await expect(labPages.verdict).toHaveText("Verdict: does not hold here");

  await page.getByRole("button", { name: "Copy as JSON" }).click();
  await expect(page.getByRole("status")).toHaveText("Copied");
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    slug: string;
    verdict: string;
  };
  expect(copied).toMatchObject({ slug: "server-storage", verdict: "does_not_hold" });
});

test("per-request cost: live checks per mode with Server-Timing, next to the latest bench ratios", async ({
  page,
  labPages,
}) => {
  await labPages.open("per-request-cost");
  await labPages.run();
  const row = async (label: string) =>
    (await labPages.measurement(`${label}: median check, store reads`).textContent())!;
  const [sessionTime, sessionReads] = (await row("Session cookie")).split(", ");
  const [jwtTime, jwtReads] = (await row("JWT cookie")).split(", ");
  expect(sessionReads).toBe("1");
  expect(jwtReads).toBe("0");
  await expect(labPages.measurement("Session cookie: Server-Timing")).toHaveText(
    /db;dur=[\d.]+;desc="1 query"/,
  );
  await expect(labPages.measurement("JWT Bearer: Server-Timing")).toHaveText(/db;dur=0;desc="0 queries"/);
  // The latest `npm run bench` results ship with the repository (bench/results/latest.json).
  await expect(
    page.getByTestId("measurements").getByText(/^Bench \d{4}-\d{2}-\d{2}, SQLite: session cookie$/),
  ).toBeVisible();
  await expect(page.getByTestId("measurements")).toContainText(/\d\.\d\d× the bare route \(\d+ req\/s\)/);
  // The verdict the page shows is the one its own numbers give.
  const ms = (text: string) =>
    text.endsWith(" µs") ? Number.parseFloat(text) / 1000 : Number.parseFloat(text);
  const expected = ms(jwtTime!) < ms(sessionTime!) ? "holds_at_a_cost" : "does_not_hold";
  await expect(labPages.verdict).toHaveAttribute("data-verdict", expected);
  expect(await throwawayLeft(page)).toBe(0);
});

test("stolen refresh token: the replayed copy ends the family and signs the browser out at its next refresh", async ({
  page,
  labPages,
}) => {
  await labPages.open("stolen-refresh-token");
  await labPages.run();
  await expect(labPages.measurement("Copy of #1 via the token API")).toHaveText("refused: reused");
  await expect(labPages.measurement("Family after the reuse")).toHaveText("revoked (reuse_detected)");
  await expect(labPages.measurement("Legitimate refresh with #2")).toHaveText("refused: revoked");
  await expect(labPages.measurement("token.reuse_detected audit events")).toHaveText(/^[1-9]\d*$/);
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  expect(await throwawayLeft(page)).toBe(0);
});

test("API keys: works for the API only, and is refused on the request right after revocation", async ({
  page,
  labPages,
}) => {
  await labPages.open("api-keys");
  await labPages.run();
  await expect(labPages.measurement("GET /api/me with the key (read:profile)")).toHaveText("accepted (200)");
  await expect(labPages.measurement("A page with the same Authorization header")).toHaveText(
    "nobody signed in",
  );
  await expect(labPages.measurement("The key after revocation")).toHaveText("refused (401 invalid_token)");
  await expect(labPages.headline).toHaveText(
    "API: accepted; pages: nobody signed in; after revocation: refused on the next request",
  );
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  expect(await throwawayLeft(page)).toBe(0);
});

test("offline verification: a bare process verifies the token from the JWKS; HS256 needs, and then leaks, the secret", async ({
  page,
  labPages,
}) => {
  await labPages.open("offline-verification");
  await labPages.run();
  await expect(labPages.measurement("Environment variables the verifier had")).toHaveText("0");
  await expect(labPages.measurement("ES256 access token")).toHaveText(
    "verified: checked with the public key from the JWKS",
  );
  await expect(labPages.measurement("Same token, payload altered")).toHaveText("refused (signature fails)");
  await expect(labPages.measurement("HS256 token, no secret")).toHaveText(
    "HS256 needs the shared secret, and this verifier has none",
  );
  await expect(labPages.measurement("Token the verifier minted with the secret")).toHaveText(
    "accepted for another user",
  );
  await page.getByText("The offline verifier's whole source").click();
  await expect(page.getByTestId("verifier-source")).toContainText("subtle.verify");
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds");
  expect(await throwawayLeft(page)).toBe(0);
});

test("store outage: session and Auth.js answer 503, the JWT keeps working, and everything recovers", async ({
  page,
  labPages,
}) => {
  await labPages.open("store-outage");
  await labPages.run();
  await expect(labPages.measurement("Session cookie, store down")).toHaveText("503, Retry-After: 5 s");
  await expect(labPages.measurement("Auth.js session cookie, store down")).toHaveText(
    "503, Retry-After: 5 s",
  );
  await expect(labPages.measurement("JWT access token (Bearer), store down")).toHaveText("200, signed in");
  await expect(labPages.measurement("JWT refresh, store down")).toHaveText("503, cannot rotate");
  await expect(labPages.measurement("Session cookie, store back")).toHaveText("200, signed in");
  await expect(labPages.headline).toHaveText(
    /^Store down: session 503, Auth\.js 503, JWT accepted \(\d+ s left\); refresh 503$/,
  );
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds_at_a_cost");
  await expect(labPages.cost).toContainText("only until the access token expires");
  expect(await throwawayLeft(page)).toBe(0);
});

test("delegated sign-in: no password hash and no provider token stored; the session ends only by signing out here", async ({
  page,
  labPages,
}) => {
  await labPages.open("delegated-sign-in");
  await labPages.run();
  await expect(labPages.measurement("Password hash for the provider user")).toHaveText("none");
  await expect(labPages.measurement("Provider tokens in the database")).toHaveText("0 of 3");
  await expect(labPages.measurement("Auth.js session cookie")).toHaveText("signed in");
  await expect(labPages.measurement("The same cookie after signing out everywhere")).toHaveText("refused");
  await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds_at_a_cost");
  expect(await throwawayLeft(page)).toBe(0);
});

test("scaling: a second instance accepts every credential made here, then refuses the sessions at once and the JWT only at exp", async ({
  page,
  labPages,
}) => {
  // Another instance of the same deployment: the e2e build, database, secrets and public URL.
  const peer = await startSecondServer(LAB_PEER_PORT, {
    APP_URL: E2E_BASE_URL,
    JWT_ACCESS_TTL: e2eSettings.JWT_ACCESS_TTL!,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  try {
    await labPages.open("scaling");
    await labPages.run();
    for (const label of ["Session cookie", "Auth.js session cookie", "JWT access token (Bearer)"]) {
      await expect(labPages.measurement(`${label} on the other instance`)).toHaveText("200, same user");
    }
    await expect(labPages.measurement("Signing key in the other instance's JWKS")).toHaveText(
      "yes: the shared database publishes it",
    );
    await expect(labPages.measurement("Session cookie there, after sign-out here")).toHaveText(
      "401, refused",
    );
    await expect(labPages.measurement("Auth.js session cookie there, after sign-out here")).toHaveText(
      "401, refused",
    );
    await expect(labPages.measurement("JWT access token (Bearer) there, after sign-out here")).toHaveText(
      "200, same user",
    );
    await expect(labPages.verdict).toHaveAttribute("data-verdict", "holds_at_a_cost");
    expect(await throwawayLeft(page)).toBe(0);
  } finally {
    peer.stop();
  }
});
