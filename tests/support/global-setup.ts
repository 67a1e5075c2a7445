// Migrates the run's database once before any test file runs.
import { migrateDatabase } from "../../scripts/lib/migrate";

export default function setup(): void {
  if (!migrateDatabase({ quiet: true })) throw new Error("test database migration failed");
}
