import { expect, test } from "./fixtures";

test("the landing page shows the three modes with links to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Three ways to sign in, side by side");
  for (const [mode, href] of [
    ["Session", "/session/sign-in"],
    ["JWT", "/jwt/sign-in"],
    ["OAuth / OIDC", "/oauth/sign-in"],
  ] as const) {
    await expect(page.getByRole("heading", { level: 3, name: mode })).toBeVisible();
    await expect(page.getByRole("link", { name: `Sign in with ${mode}` })).toHaveAttribute("href", href);
  }
});

test("the health endpoint reports the database as reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const expected = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
  expect(await response.json()).toEqual({ status: "ok", database: expected });
});

test("an /api path that matches no route answers a JSON 404, never Next's HTML page", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  for (const [method, path] of [
    ["GET", "/api/nothing-here"],
    ["POST", "/api/session/nothing/deeper"],
    ["DELETE", "/api/jwt/token/extra"],
  ] as const) {
    const response = await request.fetch(path, { method, headers: { origin } });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "There is no API endpoint at this path." },
    });
  }
  // An encoded slash in a route's own segment reaches that route, which answers in JSON too.
  const encoded = await request.post("/api/session/sessions/a%2Fb/revoke", { headers: { origin } });
  expect(encoded.status()).toBe(401);
  expect(await encoded.json()).toEqual({
    error: { code: "unauthenticated", message: "Sign in with session mode first." },
  });
});
