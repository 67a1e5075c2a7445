import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { validateSessionToken } from "@/lib/session/store";
import { unsealSessionToken } from "@/lib/session/cookie";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  TEST_PASSWORD,
  testContext,
  uniqueEmail,
} from "@/tests/support/factories";
import { verifyPasswordSignIn } from "@/lib/auth/credentials";
import { setUserDisabled } from "@/lib/auth/disable";

describe("setUserDisabled", () => {
  it("refuses every mode at once and revokes all credentials, then enables again", async () => {
    const user = await createPasswordUser();
    const started = await signInSessionUser(user);
    const pair = await issueTokenPair(user, testContext());
    await createOAuthSession(user.id);

    expect(await setUserDisabled(user.email, true)).toEqual({ userId: user.id, revoked: 3 });
    const token = await unsealSessionToken(started.cookie.value);
    expect((await validateSessionToken(token!)).ok).toBe(false);
    expect(
      (await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } })).revokedAt,
    ).not.toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await verifyPasswordSignIn({ email: user.email, password: TEST_PASSWORD }, testContext(), "session"),
    ).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });

    await setUserDisabled(user.email, false);
    expect(
      (await verifyPasswordSignIn({ email: user.email, password: TEST_PASSWORD }, testContext(), "session"))
        .ok,
    ).toBe(true);
    const events = await db.auditEvent.findMany({
      where: { userId: user.id, type: { in: ["user.disabled", "user.enabled"] } },
    });
    expect(events.map((event) => event.type).sort()).toEqual(["user.disabled", "user.enabled"]);
  });

  it("answers null for an unknown email", async () => {
    expect(await setUserDisabled(uniqueEmail(), true)).toBeNull();
  });
});
