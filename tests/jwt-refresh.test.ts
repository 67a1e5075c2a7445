// Refresh token rotation (RFC 9700 §4.14): one use per token, reuse revokes the family,
// concurrency decided by the database, idle and absolute expiry, and revocation from elsewhere.
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { rotateRefreshToken } from "@/lib/jwt/refresh-tokens";
import { refreshTokenPair } from "@/lib/jwt/token-pair";
import { testContext } from "@/tests/support/factories";
import { signedInUser } from "@/tests/support/jwt";
import { revokeAllCredentials } from "@/lib/revocation";

describe("refresh token rotation", () => {
  it("stores only the SHA-256 of each token and chains each to its parent", async () => {
    const { pair } = await signedInUser();
    const first = await db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(pair.refresh.token) },
    });
    expect(first.tokenHash).not.toContain(pair.refresh.token);
    expect(await db.refreshToken.count({ where: { tokenHash: pair.refresh.token } })).toBe(0);

    const next = await refreshTokenPair(pair.refresh.token, testContext());
    if (!next.ok) throw new Error(`refresh failed: ${next.reason}`);
    const second = await db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(next.value.refresh.token) },
    });
    expect(second.parentId).toBe(first.id);
    expect(second.familyId).toBe(pair.refresh.familyId);
    expect((await db.refreshToken.findUniqueOrThrow({ where: { id: first.id } })).usedAt).not.toBeNull();
    expect(next.value.access.token).not.toBe(pair.access.token);
  });

  it("revokes the whole family when a used token comes back: the newest token stops working too", async () => {
    const { user, pair } = await signedInUser();
    const context = testContext();
    const second = await refreshTokenPair(pair.refresh.token, context);
    if (!second.ok) throw new Error("first rotation failed");

    // An attacker replays the first (already used) token.
    expect(await rotateRefreshToken(pair.refresh.token, context)).toEqual({ ok: false, reason: "reused" });

    // The legitimate client's newest token is now dead as well.
    expect(await rotateRefreshToken(second.value.refresh.token, context)).toEqual({
      ok: false,
      reason: "revoked",
    });
    const family = await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } });
    expect(family.revokedReason).toBe("reuse_detected");
    const events = await db.auditEvent.findMany({ where: { userId: user.id, type: "token.reuse_detected" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toEqual({
      reason: "reuse_detected",
      credentials: [{ kind: "refresh_family", id: pair.refresh.familyId }],
    });
    // No token of a revoked family reads as current: the newest one is revoked with it.
    const live = await db.refreshToken.count({ where: { familyId: pair.refresh.familyId, revokedAt: null } });
    expect(live).toBe(0);
  });

  it("lets exactly one of 10 concurrent refreshes with one token succeed", async () => {
    const { pair } = await signedInUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => rotateRefreshToken(pair.refresh.token, testContext())),
    );
    const successes = results.filter((result) => result.ok);
    expect(successes).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toHaveLength(9);
    // Exactly one child was created for the presented token.
    const parent = await db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(pair.refresh.token) },
    });
    expect(await db.refreshToken.count({ where: { parentId: parent.id } })).toBe(1);
  });

  it("refuses a token past its idle expiry", async () => {
    const { pair } = await signedInUser();
    await db.refreshToken.update({
      where: { tokenHash: hashToken(pair.refresh.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await rotateRefreshToken(pair.refresh.token, testContext())).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a token whose family passed its absolute expiry, even if the token itself is fresh", async () => {
    const { pair } = await signedInUser();
    await db.refreshTokenFamily.update({
      where: { id: pair.refresh.familyId },
      data: { absoluteExpiresAt: new Date(Date.now() - 1000) },
    });
    const token = await db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(pair.refresh.token) },
    });
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await rotateRefreshToken(pair.refresh.token, testContext())).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("never lets a rotated token outlive its family's absolute expiry", async () => {
    const { pair } = await signedInUser();
    const soon = new Date(Date.now() + 60_000);
    await db.refreshTokenFamily.update({
      where: { id: pair.refresh.familyId },
      data: { absoluteExpiresAt: soon },
    });
    const next = await refreshTokenPair(pair.refresh.token, testContext());
    if (!next.ok) throw new Error("rotation failed");
    expect(next.value.refresh.expiresAt.getTime()).toBe(soon.getTime());
  });

  it("fails after revokeAllCredentials (password change, account disabled)", async () => {
    const { user, pair } = await signedInUser();
    await revokeAllCredentials(user.id, "password_changed");
    expect(await rotateRefreshToken(pair.refresh.token, testContext())).toEqual({
      ok: false,
      reason: "revoked",
    });
  });

  it("refuses a disabled user's token and ends the family", async () => {
    const { user, pair } = await signedInUser();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await rotateRefreshToken(pair.refresh.token, testContext())).toEqual({
      ok: false,
      reason: "user_inactive",
    });
    const family = await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } });
    expect(family.revokedAt).not.toBeNull();
  });

  it.each([
    ["unknown", "x".repeat(43)],
    ["empty", ""],
    ["huge", "x".repeat(10_000)],
    ["not a string", 42],
  ])("refuses an %s token without touching a family", async (_label, token) => {
    expect(await rotateRefreshToken(token, testContext())).toEqual({ ok: false, reason: "invalid" });
  });
});
