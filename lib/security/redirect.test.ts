import { describe, expect, it } from "vitest";
import { OPEN_REDIRECT_PAYLOADS } from "@/tests/support/open-redirect";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths with query and hash", () => {
    expect(safeRedirectPath("/account/sessions?x=1#top")).toBe("/account/sessions?x=1#top");
  });

  it("returns the normalised path (dot segments resolved)", () => {
    expect(safeRedirectPath("/a/../account")).toBe("/account");
    expect(safeRedirectPath("/jwt?next=//evil.example")).toBe("/jwt?next=//evil.example");
  });

  it.each(OPEN_REDIRECT_PAYLOADS)("falls back to /dashboard for %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/dashboard");
  });

  it.each(["", "dashboard", undefined, 42, "/".repeat(1) + "a".repeat(2048)])(
    "falls back for %j",
    (value) => {
      expect(safeRedirectPath(value, "/jwt")).toBe("/jwt");
    },
  );

  it.each(OPEN_REDIRECT_PAYLOADS)("never yields a cross-origin destination for %j", (value) => {
    const target = safeRedirectPath(value);
    expect(target.startsWith("/")).toBe(true);
    expect(target.startsWith("//")).toBe(false);
    expect(new URL(target, "http://localhost:3000").origin).toBe("http://localhost:3000");
    // Idempotent: the result is itself accepted unchanged.
    expect(safeRedirectPath(target)).toBe(target);
  });
});
