import type { Page } from "@playwright/test";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Collects every CSP violation a page reports, from the console and from the
 * `securitypolicyviolation` event (registered before any page script runs). Call `read()` after
 * each navigation's checks: the event list lives in the document.
 */
export async function watchCspViolations(page: Page): Promise<{ read(): Promise<string[]> }> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return {
    async read() {
      const fromPage = await page.evaluate(() => window.__cspViolations ?? []);
      return [...fromConsole, ...fromPage];
    },
  };
}
