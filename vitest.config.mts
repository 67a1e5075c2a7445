import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// One real database per run: a fresh SQLite file, or the Postgres DATABASE_URL CI provides.
const databaseUrl = process.env.DATABASE_URL?.startsWith("postgres")
  ? process.env.DATABASE_URL
  : `file:${join(tmpdir(), `authlab-vitest-${process.pid}-${Date.now()}.db`)}`;

// The global setup (which migrates) runs in this process; the workers get `test.env` below.
process.env.DATABASE_URL = databaseUrl;

const secret = () => randomBytes(32).toString("base64url");

export default defineConfig({
  resolve: {
    alias: {
      "@": resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "tests/**/*.test.ts"],
    // Outage tests cut a real PostgreSQL connection under the app: they run in the PostgreSQL pass
    // (`DATABASE_URL=postgresql://... npm run test:unit`, as .ci/run does).
    exclude: [...configDefaults.exclude, ...(databaseUrl.startsWith("postgres") ? [] : ["tests/outage/**"])],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    env: {
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: secret(),
      JWT_KEYS_SECRET: secret(),
      AUTH_SECRET: secret(),
      LOG_LEVEL: "silent",
      // Route tests send their own X-Forwarded-For, so per-IP limits stay per test.
      TRUST_PROXY: "1",
    },
    // next-auth imports `next/server` without an extension, which Node's ESM loader refuses;
    // inlined, Vite resolves it as Next's bundler would (OAuth mode's integration tests).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
