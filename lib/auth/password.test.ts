import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import {
  hashPassword,
  needsRehash,
  newPasswordSchema,
  PASSWORD_HASH_PARAMS,
  verifyPassword,
} from "./password";

describe("password hashing", () => {
  it("uses Argon2id at the OWASP floor and verifies only the right password", async () => {
    const stored = await hashPassword("unicode ✓ pässwörd 🔑");
    expect(stored.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).toMatchObject(PASSWORD_HASH_PARAMS);
    expect(await verifyPassword(stored.hash, "unicode ✓ pässwörd 🔑")).toBe(true);
    expect(await verifyPassword(stored.hash, "unicode ✓ pässwörd 🔑 ")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("asks for a rehash when stored parameters are below today's", () => {
    expect(needsRehash(PASSWORD_HASH_PARAMS)).toBe(false);
    expect(needsRehash({ memoryCost: 4096, timeCost: 3, parallelism: 1 })).toBe(true);
    expect(needsRehash({ memoryCost: 19456, timeCost: 1, parallelism: 1 })).toBe(true);
  });
});

describe("newPasswordSchema", () => {
  it("accepts 8 to 128 characters of any Unicode, untrimmed", () => {
    expect(newPasswordSchema.parse("  spaced out  ")).toBe("  spaced out  ");
    expect(newPasswordSchema.safeParse("🔑🔑🔑🔑🔑🔑🔑🔑").success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(127) + "é").success).toBe(true);
  });

  it("rejects short, long and common passwords with a reason", () => {
    const issues = (value: string) => newPasswordSchema.safeParse(value).error?.issues.map((i) => i.message);
    expect(issues("short")).toEqual(["Use at least 8 characters."]);
    expect(issues("y".repeat(129))).toEqual(["Use at most 128 characters."]);
    expect(issues("Password123")).toEqual([
      "This password is too common. Choose one that is harder to guess.",
    ]);
  });

  it("refuses the 3,000 most common passwords that meet the length rule, in any case (ASVS 6.2.4)", () => {
    const ranked = dictionary["passwords-common"].filter((password) => [...password].length >= 8);
    const top = ranked.slice(0, 3000);
    expect(top).toHaveLength(3000);
    const accepted = top.filter(
      (password) =>
        newPasswordSchema.safeParse(password).success ||
        newPasswordSchema.safeParse(password.toUpperCase()).success,
    );
    expect(accepted).toEqual([]);
    // Recent seasons and the product's own name, which the public list predates.
    for (const password of ["Summer2026", "authlab123"]) {
      expect(newPasswordSchema.safeParse(password).success).toBe(false);
    }
    expect(newPasswordSchema.safeParse("correct horse battery staple").success).toBe(true);
  });
});
