// `npm run db:migrate`: applies the committed migrations to the database (SQLite or Postgres),
// through the direct URL when a pooled one serves the app (see readDatabaseEnv). Also the first
// half of `npm run vercel-build`, so a deployment is migrated before it is built.
import { EnvError } from "../lib/env";
import { migrateDatabase } from "./lib/migrate";

try {
  process.exit(migrateDatabase({ quiet: false }) ? 0 : 1);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`authlab: cannot migrate.\n${error.message}`);
  process.exit(1);
}
