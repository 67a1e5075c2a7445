import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { createPasswordUser, TEST_PASSWORD, testContext, uniqueEmail } from "@/tests/support/factories";
import { changeUserPassword, registerPasswordUser, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";

describe("verifyPasswordSignIn", () => {
  it("signs in with the right password and audits nothing as failed", async () => {
    const user = await createPasswordUser();
    const result = await verifyPasswordSignIn(
      { email: user.email, password: TEST_PASSWORD },
      testContext(),
      "session",
    );
    expect(result).toEqual({
      ok: true,
      value: { id: user.id, email: user.email, name: "Test User", image: null },
    });
  });

  it("answers unknown email, wrong password and disabled account identically, and audits each", async () => {
    const user = await createPasswordUser();
    const disabled = await createPasswordUser();
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const attempts = [
      { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
      { email: user.email, password: "wrong password!" },
      { email: disabled.email, password: TEST_PASSWORD },
    ];
    for (const attempt of attempts) {
      expect(await verifyPasswordSignIn(attempt, testContext(), "jwt")).toEqual({
        ok: false,
        reason: "invalid_credentials",
      });
    }
    const events = await db.auditEvent.findMany({
      where: { type: "sign_in.failed", userId: { in: [user.id, disabled.id] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => (event.detail as { reason: string }).reason)).toEqual([
      "wrong_password",
      "disabled",
    ]);
  });

  it("locks the guessing client out of an account, never the owner signing in from elsewhere", async () => {
    const user = await createPasswordUser();
    const attacker = testContext("attacker");
    for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit; i++) {
      const result = await verifyPasswordSignIn(
        { email: user.email, password: "wrong password!" },
        attacker,
        "session",
      );
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    // Even the right password is refused to the attacking client while it is blocked...
    const locked = await verifyPasswordSignIn(
      { email: user.email, password: TEST_PASSWORD },
      attacker,
      "session",
    );
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    // ...while the owner, elsewhere, signs in as usual.
    const owner = await verifyPasswordSignIn(
      { email: user.email, password: TEST_PASSWORD },
      testContext("owner"),
      "session",
    );
    expect(owner.ok).toBe(true);

    // The block ends by itself (moved into the past here, as time would).
    await db.rateLimit.update({
      where: { key: `${RATE_LIMITS.signInPerAccount.name}:${user.email}|${attacker.ipAddress}` },
      data: { blockedUntil: new Date(Date.now() - 1000), windowStartedAt: new Date(Date.now() - 1000) },
    });
    const after = await verifyPasswordSignIn(
      { email: user.email, password: TEST_PASSWORD },
      attacker,
      "session",
    );
    expect(after.ok).toBe(true);
  });

  it("counts parallel guesses before checking them, so no more than the limit reach Argon2", async () => {
    const user = await createPasswordUser();
    const attacker = testContext("parallel");
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        verifyPasswordSignIn({ email: user.email, password: "wrong password!" }, attacker, "jwt"),
      ),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid_credentials");
    expect(checked.length).toBeLessThanOrEqual(RATE_LIMITS.signInPerAccount.limit);
    expect(
      results.filter((result) => !result.ok && result.reason === "rate_limited").length,
    ).toBeGreaterThanOrEqual(20 - RATE_LIMITS.signInPerAccount.limit);
    expect(await db.auditEvent.count({ where: { userId: user.id, type: "sign_in.failed" } })).toBe(
      checked.length,
    );
  });

  it("rehashes a password stored with weaker parameters", async () => {
    const user = await createPasswordUser();
    await db.passwordCredential.update({ where: { userId: user.id }, data: { timeCost: 1 } });
    await verifyPasswordSignIn({ email: user.email, password: TEST_PASSWORD }, testContext(), "session");
    const credential = await db.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(credential.timeCost).toBe(2);
    expect(await verifyPassword(credential.hash, TEST_PASSWORD)).toBe(true);
  });
});

describe("registerPasswordUser", () => {
  it("creates a user with an Argon2id credential and refuses a second account for the email", async () => {
    const email = uniqueEmail();
    const created = await registerPasswordUser(
      { email, password: TEST_PASSWORD, name: "Ada" },
      testContext(),
      "session",
    );
    expect(created).toMatchObject({ ok: true, value: { email, name: "Ada" } });
    const credential = await db.passwordCredential.findFirstOrThrow({ where: { user: { email } } });
    expect(credential.hash.startsWith("$argon2id$")).toBe(true);
    expect(credential.hash).not.toContain(TEST_PASSWORD);
    expect(await registerPasswordUser({ email, password: TEST_PASSWORD }, testContext(), "session")).toEqual({
      ok: false,
      reason: "email_taken",
    });
  });
});

describe("changeUserPassword", () => {
  it("throttles wrong current passwords", async () => {
    const user = await createPasswordUser();
    const attempt = () =>
      changeUserPassword(
        user.id,
        { currentPassword: "guess guess", newPassword: "a new long pass" },
        testContext(),
        "session",
      );
    for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit; i++)
      expect(await attempt()).toEqual({ ok: false, reason: "wrong_password" });
    expect(await attempt()).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("requires the current password and replaces the hash", async () => {
    const user = await createPasswordUser();
    const context = testContext();
    expect(
      await changeUserPassword(
        user.id,
        { currentPassword: "nope nope", newPassword: "a new long pass" },
        context,
        "session",
      ),
    ).toEqual({ ok: false, reason: "wrong_password" });
    expect(
      await changeUserPassword(
        user.id,
        { currentPassword: TEST_PASSWORD, newPassword: "a new long pass" },
        context,
        "session",
      ),
    ).toEqual({ ok: true, value: { revoked: 0 } });
    const credential = await db.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword(credential.hash, "a new long pass")).toBe(true);
  });
});
