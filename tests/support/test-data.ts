// Test data shared by both runners (vitest and Playwright): no imports, so either can load it.
import { randomUUID } from "node:crypto";

/** The password every test user is created with (long enough, and not on the common list). */
export const TEST_PASSWORD = "correct horse battery staple";

/** A unique, normalised email per call, so tests never share users. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID()}@example.test`;
}
