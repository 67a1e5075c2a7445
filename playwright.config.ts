import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./e2e/support/server-config";

// Debian's Chromium (or CHROMIUM_PATH) when present; otherwise Playwright's own browser, which
// `npx playwright install chromium` fetches on machines that can reach its CDN.
const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path): path is string => Boolean(path && existsSync(path)),
);

export default defineConfig({
  testDir: "e2e",
  // The outage spec cuts a PostgreSQL connection, the instances spec runs two servers on one
  // shared database: both run in the PostgreSQL pass.
  testIgnore: process.env.DATABASE_URL?.startsWith("postgres") ? [] : ["outage.spec.ts", "instances.spec.ts"],
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: systemChromium,
          // Root on a closed network: no sandbox, and nothing that phones home.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // Builds and serves production output on http://localhost:<port> with a fresh database.
    command: "node_modules/.bin/tsx e2e/support/server.ts",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
  metadata: { port: E2E_PORT },
});
