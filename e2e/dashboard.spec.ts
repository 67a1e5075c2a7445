import { expect, test, uniqueEmail } from "./fixtures";
import { SessionPages } from "./pages/session";

test("the session panel shows the user and the cookie's real size", async ({ page, context }) => {
  const email = uniqueEmail("dash");
  await new SessionPages(page).signUp(email);
  await page.goto("/dashboard");
  const panel = page.getByTestId("session-panel");
  await expect(panel).toHaveAttribute("data-state", "signed-in");
  await expect(page.getByTestId("session-user")).toHaveText(email);

  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authlab-session"))!;
  const bytes = Buffer.byteLength(`${cookie.name}=${cookie.value}`);
  await expect(page.getByTestId("session-cookie-bytes")).toHaveText(`${bytes} bytes`);
  await expect(panel.getByText(cookie.name, { exact: true })).toBeVisible();
});

test("a session revoked from another browser turns the panel signed out within 2 seconds, without reload", async ({
  browser,
}) => {
  const email = uniqueEmail("live");
  const watched = await browser.newContext();
  const other = await browser.newContext();
  const watchedPage = await watched.newPage();
  await new SessionPages(watchedPage).signUp(email);
  const watchedId = (
    (await (await watchedPage.request.get("/api/session")).json()) as { session: { id: string } }
  ).session.id;
  await watchedPage.goto("/dashboard");
  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-in");
  await expect(watchedPage.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // Mark the document: a reload would lose this marker.
  await watchedPage.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const otherPage = await other.newPage();
  await new SessionPages(otherPage).signIn(email);
  await otherPage.goto("/account/sessions");
  const row = otherPage
    .getByTestId("session-row")
    .filter({ has: otherPage.locator(`input[value="${watchedId}"]`) });
  await row.getByRole("button", { name: /^Revoke/ }).click();

  await expect(watchedPage.getByTestId("session-panel")).toHaveAttribute("data-state", "signed-out", {
    timeout: 2000,
  });
  expect(await watchedPage.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  await watched.close();
  await other.close();
});
