// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (SQLite or Postgres).
import { migrateDatabase } from "./lib/migrate";

process.exit(migrateDatabase({ quiet: false }) ? 0 : 1);
