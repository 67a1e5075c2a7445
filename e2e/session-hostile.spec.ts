import { expect, test } from "./fixtures";

test("a garbage session cookie is cleared and the browser reads as signed out", async ({ page, context }) => {
  // The e2e server is a production build, so the cookie carries the __Host- prefix; a page on
  // localhost (a secure context) may set such a cookie itself.
  await page.goto("/");
  await page.evaluate(() => {
    document.cookie = "__Host-authlab-session=Fe26.2**garbage; Secure; Path=/; SameSite=Lax";
  });
  await expect
    .poll(async () => (await context.cookies()).map((cookie) => cookie.name))
    .toContain("__Host-authlab-session");

  await page.goto("/session");
  await expect(page).toHaveURL(/\/session\/sign-in\?next=%2Fsession$/);
  await expect
    .poll(async () => (await context.cookies()).map((cookie) => cookie.name))
    .not.toContain("__Host-authlab-session");
});
