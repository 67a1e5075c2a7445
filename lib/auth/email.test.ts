import { describe, expect, it } from "vitest";
import { emailSchema, normalizeEmail } from "./email";

describe("normalizeEmail", () => {
  it("trims, applies NFKC and lower-cases", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    // Fullwidth letters fold to ASCII under NFKC.
    expect(normalizeEmail("ａｄａ@example.com")).toBe("ada@example.com");
  });
});

describe("emailSchema", () => {
  it("accepts and normalises a valid address", () => {
    expect(emailSchema.parse(" Grace@Example.org")).toBe("grace@example.org");
  });

  it.each(["", "not-an-email", "a@", "@b.co", `${"a".repeat(250)}@b.co`])("rejects %j", (value) => {
    expect(emailSchema.safeParse(value).success).toBe(false);
  });
});
