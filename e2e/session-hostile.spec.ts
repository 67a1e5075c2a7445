import { expect, test } from "./fixtures";

test("a garbage session cookie reads as signed out and the response clears it", async ({ request }) => {
  // The e2e server is a production build, so the cookie carries the __Host- prefix.
  const response = await request.get("/session", {
    headers: { cookie: "__Host-authlab-session=Fe26.2**garbage" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toBe("/session/sign-in?next=%2Fsession");
  const cleared = response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value)
    .find((value) => value.startsWith("__Host-authlab-session="));
  expect(cleared).toBeDefined();
  // Emptied and expired, with the attributes a __Host- cookie must carry to be replaced.
  expect(cleared).toMatch(/^__Host-authlab-session=;/);
  expect(cleared).toMatch(/Max-Age=0/i);
  expect(cleared).toMatch(/; Secure/i);
  expect(cleared).toMatch(/; Path=\//i);
});
