// Prisma CLI configuration. Prisma 6.19 runs fully offline only with the JS schema engine and a
// driver adapter (see docs/database.md); the provider follows DATABASE_URL.
import { loadEnvConfig } from "@next/env";
import { defineConfig } from "prisma/config";
import { readDatabaseEnv } from "./lib/env";
import { sqliteFilePath } from "./lib/db/sqlite-path";

// The CLI does not read .env files when a config file exists; load them the way Next does.
loadEnvConfig(process.cwd());
const database = readDatabaseEnv();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/.generated/${database.provider}/schema.prisma`,
  migrations: { path: `prisma/migrations/${database.provider}` },
  async adapter() {
    if (database.provider === "sqlite") {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url: sqliteFilePath(database.url) });
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // Without allowExitOnIdle the CLI lingers on the idle pool after it has finished.
    return new PrismaPg({ connectionString: database.url, allowExitOnIdle: true });
  },
});
