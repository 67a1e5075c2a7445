import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

// Fails early, and clearly, when no browser can be launched.
export default async function globalSetup(): Promise<void> {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  if (candidates.some((path) => path && existsSync(path))) return;
  if (existsSync(chromium.executablePath())) return;
  throw new Error(
    "No Chromium found for the e2e tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), " +
      "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.",
  );
}
