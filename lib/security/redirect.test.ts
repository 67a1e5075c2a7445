import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths with query and hash", () => {
    expect(safeRedirectPath("/account/sessions?x=1#top")).toBe("/account/sessions?x=1#top");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\n/evil.example",
    "/\t/evil.example",
    "",
    "dashboard",
    undefined,
    42,
  ])("falls back to /dashboard for %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/dashboard");
  });
});
