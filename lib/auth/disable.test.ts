import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { signInWithPassword } from "@/lib/session/service";
import { validateSessionToken } from "@/lib/session/store";
import { unsealSessionToken } from "@/lib/session/cookie";
import { createPasswordUser, TEST_PASSWORD, testContext, uniqueEmail } from "@/tests/support/factories";
import { verifyPasswordSignIn } from "./credentials";
import { setUserDisabled } from "./disable";

describe("setUserDisabled", () => {
  it("refuses every mode at once and revokes all credentials, then enables again", async () => {
    const user = await createPasswordUser();
    const signedIn = await signInWithPassword(
      { email: user.email, password: TEST_PASSWORD },
      testContext(),
      undefined,
    );
    if (!signedIn.ok) throw new Error("sign-in failed");
    const pair = await issueTokenPair(user, testContext());
    await db.session.create({
      data: { sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(Date.now() + 60_000) },
    });

    expect(await setUserDisabled(user.email, true)).toEqual({ userId: user.id, revoked: 3 });
    const token = await unsealSessionToken(signedIn.started.cookie.value);
    expect((await validateSessionToken(token!)).ok).toBe(false);
    expect(
      (await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } })).revokedAt,
    ).not.toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await verifyPasswordSignIn({ email: user.email, password: TEST_PASSWORD }, testContext(), "session"),
    ).toEqual({
      ok: false,
      code: "invalid_credentials",
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
