import { describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";

describe("GET /api/health with the database down", () => {
  it("answers 503 with a clear JSON error and no internals", async () => {
    // A fresh worker: no client exists yet, so this URL (nothing listens on port 9) is the one used.
    vi.stubEnv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none");
    resetEnvForTests();
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(new Request("http://localhost:3000/api/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "database_unreachable", message: "The postgres database is not reachable." },
    });
  });
});
