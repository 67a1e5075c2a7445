// No enumeration (ASVS 6.3.8): sign-in, sign-up and password change answer the same and spend
// the same Argon2 work whether or not an account exists. Work is counted, not timed: every
// Argon2 call goes through the real library, wrapped so each one is counted (the timing itself
// is measured by `npm run bench`).
import type * as argon2 from "@node-rs/argon2";
import { hash, verify } from "@node-rs/argon2";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as jwtToken } from "@/app/api/jwt/token/route";
import { POST as sessionSignIn } from "@/app/api/session/sign-in/route";
import { changeUserPassword, registerPasswordUser, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { primeDummyHash } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { createPasswordUser, TEST_PASSWORD, testContext, uniqueEmail } from "@/tests/support/factories";
import { clientIp, jsonRequest } from "@/tests/support/http";

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof argon2>();
  return { ...real, hash: vi.fn(real.hash), verify: vi.fn(real.verify) };
});

/** The Argon2 operations `run` performs, and what it returned. */
async function argon2Work<T>(run: () => Promise<T>) {
  vi.mocked(hash).mockClear();
  vi.mocked(verify).mockClear();
  const result = await run();
  return {
    result,
    hashes: vi.mocked(hash).mock.calls.length,
    verifications: vi.mocked(verify).mock.calls.length,
  };
}

/** Everything a client sees of a response: status, body, and every header. */
async function seen(response: Response) {
  return { status: response.status, body: await response.text(), headers: [...response.headers.entries()] };
}

// The server makes the dummy hash when it starts (instrumentation.ts); so does this file.
beforeAll(async () => {
  await primeDummyHash();
});

let user: Awaited<ReturnType<typeof createPasswordUser>>;
beforeEach(async () => {
  user = await createPasswordUser();
});

describe("sign-in", () => {
  it("spends exactly one Argon2 verification whether the email is unknown, the password wrong, the account disabled or all is right", async () => {
    const disabled = await createPasswordUser();
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const oauthOnly = await db.user.create({ data: { email: uniqueEmail("oauth") } });
    const attempts = [
      { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
      { email: user.email, password: "wrong password!" },
      { email: disabled.email, password: TEST_PASSWORD },
      { email: oauthOnly.email, password: TEST_PASSWORD },
    ];
    for (const attempt of attempts) {
      expect(await argon2Work(() => verifyPasswordSignIn(attempt, testContext(), "session"))).toEqual({
        result: { ok: false, reason: "invalid_credentials" },
        hashes: 0,
        verifications: 1,
      });
    }
    const success = await argon2Work(() =>
      verifyPasswordSignIn({ email: user.email, password: TEST_PASSWORD }, testContext(), "session"),
    );
    expect(success).toMatchObject({ result: { ok: true }, hashes: 0, verifications: 1 });
  });

  it("answers an unknown email and a wrong password with the same status, body and headers (session and token APIs)", async () => {
    const nobody = uniqueEmail("nobody");
    for (const [path, handler] of [
      ["/api/session/sign-in", sessionSignIn],
      ["/api/jwt/token", jwtToken],
    ] as const) {
      const post = (email: string) =>
        handler(jsonRequest(path, { body: { email, password: "wrong password!" }, headers: clientIp() }));
      const unknown = await seen(await post(nobody));
      const known = await seen(await post(user.email));
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      // Only the per-request id may differ.
      const withoutRequestId = (value: typeof known) => ({
        ...value,
        headers: value.headers.filter(([name]) => name !== "x-request-id"),
      });
      expect(withoutRequestId(unknown)).toEqual(withoutRequestId(known));
      expect(unknown.headers.some(([name]) => name === "set-cookie")).toBe(false);
    }
  });
});

describe("sign-up", () => {
  it("spends one Argon2 hash and answers the same whether the address is new or taken", async () => {
    const fresh = await argon2Work(() =>
      registerPasswordUser({ email: uniqueEmail("new"), password: TEST_PASSWORD }, testContext(), "session"),
    );
    const taken = await argon2Work(() =>
      registerPasswordUser({ email: user.email, password: TEST_PASSWORD }, testContext(), "session"),
    );
    expect(fresh).toEqual({ result: { ok: true }, hashes: 1, verifications: 0 });
    expect(taken).toEqual(fresh);
  });
});

describe("password change", () => {
  it("spends one Argon2 verification on every path; hashes the new password only once the current one is proven", async () => {
    const oauthOnly = await db.user.create({ data: { email: uniqueEmail("oauth") } });
    const input = (currentPassword: string) => ({ currentPassword, newPassword: "a brand new passphrase" });
    expect(
      await argon2Work(() => changeUserPassword(user.id, input("wrong password!"), testContext(), "session")),
    ).toEqual({ result: { ok: false, reason: "wrong_password" }, hashes: 0, verifications: 1 });
    expect(
      await argon2Work(() =>
        changeUserPassword(oauthOnly.id, input(TEST_PASSWORD), testContext(), "session"),
      ),
    ).toEqual({ result: { ok: false, reason: "no_password" }, hashes: 0, verifications: 1 });
    expect(
      await argon2Work(() => changeUserPassword(user.id, input(TEST_PASSWORD), testContext(), "session")),
    ).toEqual({ result: { ok: true, value: { revoked: 0 } }, hashes: 1, verifications: 1 });
  });
});
