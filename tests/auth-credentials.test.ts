import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { clientNetwork, RATE_LIMITS, resetRateLimit } from "@/lib/security/rate-limit";
import { createPasswordUser, TEST_PASSWORD, testContext, uniqueEmail } from "@/tests/support/factories";
import { changeUserPassword, registerPasswordUser, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { endRateLimitWindows, storedSessions } from "@/tests/support/stores";

/** Time passing for the given rate-limit keys: their window or block ends now. */
const endWindows = endRateLimitWindows;

const wrong = (email: string) => ({ email, password: "wrong password!" });
const right = (email: string) => ({ email, password: TEST_PASSWORD });
/** A client of its own with no IP, as every client is with TRUST_PROXY=0. */
const noIp = () => ({ ipAddress: null, userAgent: "vitest (no proxy)" });

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
    for (let i = 0; i < RATE_LIMITS.signInPerAccountAndIp.limit; i++) {
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
    await endWindows(
      `${RATE_LIMITS.signInPerAccountAndIp.name}:${user.email}|${clientNetwork(attacker.ipAddress)}`,
    );
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
    expect(checked.length).toBeLessThanOrEqual(RATE_LIMITS.signInPerAccountAndIp.limit);
    expect(
      results.filter((result) => !result.ok && result.reason === "rate_limited").length,
    ).toBeGreaterThanOrEqual(20 - RATE_LIMITS.signInPerAccountAndIp.limit);
    expect(await db.auditEvent.count({ where: { userId: user.id, type: "sign_in.failed" } })).toBe(
      checked.length,
    );
  });

  it("bounds guessing spread over many addresses with a growing, capped block, and lets the owner back in", async () => {
    const user = await createPasswordUser();
    const { limit, blockSeconds } = RATE_LIMITS.signInPerAccount;
    const accountKey = `${RATE_LIMITS.signInPerAccount.name}:${user.email}`;
    const guessFromEverywhere = async () => {
      // One guess per address: no per-client limit ever sees more than one.
      for (let i = 0; i < limit; i++)
        expect(await verifyPasswordSignIn(wrong(user.email), testContext(`bot-${i}`), "jwt")).toEqual({
          ok: false,
          reason: "invalid_credentials",
        });
      return verifyPasswordSignIn(wrong(user.email), testContext("bot-last"), "jwt");
    };
    expect(await guessFromEverywhere()).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: blockSeconds,
    });
    // The trade-off (docs/security.md): while the block lasts it holds for the owner too...
    expect(await verifyPasswordSignIn(right(user.email), testContext("owner"), "session")).toMatchObject({
      reason: "rate_limited",
    });
    // ...and only as long as it lasts: then the owner signs in.
    await endWindows(accountKey);
    expect((await verifyPasswordSignIn(right(user.email), testContext("owner"), "session")).ok).toBe(true);
    // The next lock-out lasts twice as long (the back-off is remembered; the owner's success only
    // took back its own attempt).
    expect(await guessFromEverywhere()).toMatchObject({ retryAfterSeconds: 2 * blockSeconds });
    const throttled = (await db.auditEvent.findMany({ where: { type: "sign_in.rate_limited" } }))
      .map((event) => event.detail as { email: string; scope: string })
      .filter((detail) => detail.email === user.email);
    expect(throttled.map((detail) => detail.scope)).toEqual(["account", "account", "account"]);
  });

  it("refuses an unknown email exactly like a known one once the account limit is reached", async () => {
    const email = uniqueEmail("nobody");
    for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit; i++)
      await verifyPasswordSignIn(wrong(email), testContext(`bot-${i}`), "jwt");
    expect(await verifyPasswordSignIn(wrong(email), testContext(), "jwt")).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: RATE_LIMITS.signInPerAccount.blockSeconds,
    });
  });

  it("with no client IP (TRUST_PROXY=0), one client's guessing blocks the account it guesses, nobody else", async () => {
    const victim = await createPasswordUser();
    const bystander = await createPasswordUser();
    for (let i = 0; i < RATE_LIMITS.signInPerAccount.limit; i++)
      await verifyPasswordSignIn(wrong(victim.email), noIp(), "session");
    expect(await verifyPasswordSignIn(right(victim.email), noIp(), "session")).toMatchObject({
      reason: "rate_limited",
    });
    // Far more attempts than any per-IP limit would allow, all "from the same client": nothing
    // shared fills up, so everyone else signs in.
    for (let i = 0; i < RATE_LIMITS.signInPerIp.limit - RATE_LIMITS.signInPerAccount.limit; i++)
      await verifyPasswordSignIn(wrong(uniqueEmail("spray")), noIp(), "session");
    expect((await verifyPasswordSignIn(right(bystander.email), noIp(), "session")).ok).toBe(true);
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
  afterEach(async () => {
    delete process.env.RATE_LIMIT_SIGN_UP_GLOBAL;
    resetEnvForTests();
    await resetRateLimit(RATE_LIMITS.signUpGlobal, "all");
  });

  it("creates a user with an Argon2id credential, signs nobody in, and answers a taken address the same", async () => {
    const email = uniqueEmail();
    expect(
      await registerPasswordUser({ email, password: TEST_PASSWORD, name: "Ada" }, testContext(), "session"),
    ).toEqual({
      ok: true,
    });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { password: true } });
    expect(user.name).toBe("Ada");
    expect(user.password!.hash.startsWith("$argon2id$")).toBe(true);
    expect(user.password!.hash).not.toContain(TEST_PASSWORD);
    expect(await storedSessions(user.id)).toEqual([]);

    expect(
      await registerPasswordUser({ email, password: "another password 9" }, testContext(), "jwt"),
    ).toEqual({
      ok: true,
    });
    // The account is untouched, and its owner sees the attempt on their timeline.
    const after = await db.user.findUniqueOrThrow({ where: { email }, include: { password: true } });
    expect(after.password!.hash).toBe(user.password!.hash);
    expect(after.name).toBe("Ada");
    const events = await db.auditEvent.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.type, event.mode])).toEqual([
      ["user.signed_up", "session"],
      ["user.sign_up_existing", "jwt"],
    ]);
  });

  it("gives two racing sign-ups for one address one account and the same answer", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        registerPasswordUser({ email, password: TEST_PASSWORD }, testContext(), "session"),
      ),
    );
    expect(results).toEqual(Array(4).fill({ ok: true }));
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("with no client IP, keeps accepting sign-ups past the per-IP limit, up to the global ceiling", async () => {
    for (let i = 0; i <= RATE_LIMITS.signUpPerIp.limit; i++)
      expect(
        await registerPasswordUser({ email: uniqueEmail(), password: TEST_PASSWORD }, noIp(), "session"),
      ).toEqual({
        ok: true,
      });
    // The ceiling across all clients (RATE_LIMIT_SIGN_UP_GLOBAL per minute) still applies.
    process.env.RATE_LIMIT_SIGN_UP_GLOBAL = "1";
    resetEnvForTests();
    await resetRateLimit(RATE_LIMITS.signUpGlobal, "all");
    expect(
      await registerPasswordUser({ email: uniqueEmail(), password: TEST_PASSWORD }, noIp(), "session"),
    ).toEqual({
      ok: true,
    });
    expect(
      await registerPasswordUser({ email: uniqueEmail(), password: TEST_PASSWORD }, testContext(), "session"),
    ).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("limits sign-ups per client network (an IPv6 /64 counts as one)", async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1::`;
    for (let i = 0; i < RATE_LIMITS.signUpPerIp.limit; i++)
      await registerPasswordUser(
        { email: uniqueEmail(), password: TEST_PASSWORD },
        { ipAddress: `${prefix}${i.toString(16)}`, userAgent: "vitest" },
        "session",
      );
    expect(
      await registerPasswordUser(
        { email: uniqueEmail(), password: TEST_PASSWORD },
        { ipAddress: `${prefix}ffff`, userAgent: "vitest" },
        "session",
      ),
    ).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: RATE_LIMITS.signUpPerIp.blockSeconds });
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
    for (let i = 0; i < RATE_LIMITS.passwordChangePerUser.limit; i++)
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
