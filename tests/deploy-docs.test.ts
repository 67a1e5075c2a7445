import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

/** The variables a Vercel production deployment with nothing set refuses to start without. */
function requiredOnVercel(): string[] {
  try {
    parseEnv({ NODE_ENV: "production", VERCEL: "1", VERCEL_ENV: "production", VERCEL_URL: "a.vercel.app" });
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((problem) => /^[A-Z_]+/.exec(problem)![0]);
    throw error;
  }
  return [];
}

describe("README Deploy", () => {
  it("has a Deploy with Vercel button that asks for every variable a deployment needs", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toMatch(/^## Deploy$/m);
    const button = /\(https:\/\/vercel\.com\/new\/clone\?([^)\s]+)\)/.exec(readme);
    expect(button).not.toBeNull();
    const params = new URLSearchParams(button![1]);
    const asked = params.get("env")!.split(",");
    expect(requiredOnVercel()).toEqual(["DATABASE_URL", "SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET"]);
    expect(asked).toEqual(expect.arrayContaining(requiredOnVercel()));
    expect(params.get("envDescription")).toBeTruthy();
    expect(params.get("envLink")).toMatch(/^https:\/\/github\.com\/.+\/docs\/configuration\.md$/);
  });
});
