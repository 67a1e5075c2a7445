import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";

describe("GET /api/health", () => {
  it("answers ok with the database engine in use", async () => {
    const response = await GET(new Request("http://localhost:3000/api/health"));
    expect(response.status).toBe(200);
    const expected = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
    expect(await response.json()).toEqual({ status: "ok", database: expected });
  });
});
