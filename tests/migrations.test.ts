import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

describe("migrations", () => {
  it("cover the current models (run `npm run db:migration -- <name>` after editing them)", () => {
    const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");
    const snapshot = readFileSync(join(root, "prisma/migrations/models.snapshot.prisma"), "utf8");
    expect(models).toBe(snapshot);
  });

  it("exist under the same names for SQLite and Postgres", () => {
    const list = (engine: string) =>
      readdirSync(join(root, "prisma/migrations", engine), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name.replace(/^\d+_/, ""));
    expect(list("sqlite")).toEqual(list("postgres"));
    expect(list("sqlite").length).toBeGreaterThan(0);
  });
});
