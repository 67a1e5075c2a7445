import { expect, test } from "./fixtures";

test("a garbage session cookie reads as signed out and the response clears it", async ({ request }) => {
  // The e2e server's APP_URL is http://localhost, so its cookies carry no prefix and no Secure
  // (lib/http/cookies.ts); the https forms are covered by tests/cookies.test.ts.
  const response = await request.get("/session", {
    headers: { cookie: "authlab-session=Fe26.2**garbage" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toBe("/session/sign-in?next=%2Fsession");
  const cleared = response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value)
    .find((value) => value.startsWith("authlab-session="));
  expect(cleared).toBeDefined();
  // Emptied and expired, with the attributes it was set with.
  expect(cleared).toMatch(/^authlab-session=;/);
  expect(cleared).toMatch(/Max-Age=0/i);
  expect(cleared).toMatch(/; Path=\//i);
  expect(cleared).toMatch(/; HttpOnly/i);
  expect(cleared).toMatch(/; SameSite=Lax/i);
});
