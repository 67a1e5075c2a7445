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
