import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { retirePreviousFamily } from "@/lib/jwt/token-pair";
import { testContext } from "@/tests/support/factories";
import { signedInUser } from "@/tests/support/jwt";

describe("JWT sign-in over an existing one", () => {
  it("revokes the family the browser held, and ignores garbage", async () => {
    const { pair } = await signedInUser();
    await retirePreviousFamily("not-a-token", testContext());
    await retirePreviousFamily(undefined, testContext());
    expect(
      (await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } })).revokedAt,
    ).toBeNull();

    await retirePreviousFamily(pair.access.token, testContext());
    const family = await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } });
    expect(family.revokedAt).not.toBeNull();
    expect(family.revokedReason).toBe("replaced_by_sign_in");
  });
});
