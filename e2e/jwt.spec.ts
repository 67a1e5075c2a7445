import { expect, TEST_PASSWORD, test } from "./fixtures";
import { expectIssuedSince, expiryOf, jwtCookies } from "./pages/jwt";

test("sign in, survive access-token expiry on navigation, sign out, and the old refresh token is dead", async ({
  page,
  context,
  request,
  user,
  jwtPages: jwt,
}) => {
  const { email } = user;
  await jwt.signIn(email);
  const first = await jwtCookies(context);
  expect(first.access).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(first.refresh).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/jwt/refresh" });
  await expect(page.getByRole("region", { name: "Your access token, decoded" })).toContainText(
    "anyone holding it can read",
  );
  await expect(page.getByLabel("Decoded JWT header")).toContainText('"typ": "at+jwt"');

  // Leave the page (its countdown would refresh on its own) and let the access token expire.
  await page.goto("/");
  const expiresAt = expiryOf(first.access!.value);
  await expect.poll(() => Date.now() >= expiresAt, { timeout: 15_000 }).toBe(true);

  // A page load with the expired token is refreshed transparently (proxy → refresh → back).
  await page.goto("/jwt");
  await jwt.expectSignedIn(email);
  const second = await jwtCookies(context);
  // Re-issued on that load, after the first one expired (not "unexpired now": see expectIssuedSince).
  expectIssuedSince(second.access?.value, expiresAt, first.access!.value);
  expect(second.refresh?.value).not.toBe(first.refresh!.value);
  await expect(page.getByTestId("jwt-family-history").getByRole("row")).toHaveCount(2);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/jwt\/sign-in$/);
  const after = await jwtCookies(context);
  expect(after).toEqual({ access: undefined, refresh: undefined });

  // The refresh token the browser held last is dead, as a body and as a cookie.
  const replay = await request.post("/api/jwt/refresh", { data: { refresh_token: second.refresh!.value } });
  expect(replay.status()).toBe(400);
  expect(await replay.json()).toMatchObject({ error: { code: "invalid_grant" } });
  const cookieReplay = await request.post("/api/jwt/refresh", {
    data: {},
    headers: {
      cookie: `${second.refresh!.name}=${second.refresh!.value}`,
      origin: new URL(page.url()).origin,
    },
  });
  expect(cookieReplay.status()).toBe(400);

  // And the protected page is closed again.
  await page.goto("/jwt");
  await expect(page).toHaveURL(/\/jwt\/sign-in\?next=%2Fjwt$/);
});

test("a Bearer client gets tokens, calls /api/me, and is refused with RFC 6750 errors", async ({
  request,
  user,
}) => {
  const { email } = user;
  const issued = await request.post("/api/jwt/token", {
    data: { email, password: TEST_PASSWORD },
  });
  expect(issued.status()).toBe(200);
  const tokens = (await issued.json()) as { access_token: string };
  const me = await request.get("/api/me", { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { email }, modes: ["jwt"] });

  const bad = await request.get("/api/me", { headers: { authorization: `Bearer ${tokens.access_token}x` } });
  expect(bad.status()).toBe(401);
  expect(bad.headers()["www-authenticate"]).toMatch(/^Bearer realm="authlab", error="invalid_token"/);

  const jwks = await request.get("/.well-known/jwks.json");
  expect(jwks.headers()["cache-control"]).toMatch(/^public, max-age=/);
  const body = (await jwks.json()) as { keys: Record<string, unknown>[] };
  expect(body.keys.length).toBeGreaterThan(0);
  for (const key of body.keys) expect(key).not.toHaveProperty("d");
});
