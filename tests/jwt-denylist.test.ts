// The revocation trade-off, both ways: with JWT_DENYLIST off, verifying reads no database row
// (proved by swapping the client for one that throws on any use); with it on, a signed-out
// token, a token older than tokensNotBefore and a disabled user's token are refused.
import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { setUserDisabled } from "@/lib/auth/disable";
import { db } from "@/lib/db";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { signOutWithAccessToken } from "@/lib/jwt/token-pair";
import { revokeAllCredentials } from "@/lib/revocation";
import { withRequestTimings } from "@/lib/timing";
import { testContext } from "@/tests/support/factories";
import { denyListSwitch } from "@/tests/support/env";
import { jsonRequest } from "@/tests/support/http";
import { signedInUser } from "@/tests/support/jwt";
import { withoutDatabase } from "@/tests/support/no-database";
import { sessionBackend, setTokensNotBefore } from "@/tests/support/stores";

const setDenyList = denyListSwitch();

describe("JWT_DENYLIST off (default)", () => {
  it("verifies a valid token, and answers /api/me for it, without touching the database", async () => {
    setDenyList(false);
    const { user, pair } = await signedInUser();
    await verifyAccessToken(pair.access.token); // warm the key cache, as any running server has

    const verified = await withoutDatabase(() => verifyAccessToken(pair.access.token));
    expect(verified.result).toMatchObject({ ok: true, value: { claims: { sub: user.id } } });
    expect(verified.touched).toEqual([]);

    const response = await withoutDatabase(() =>
      me(jsonRequest("/api/me", { headers: { authorization: `Bearer ${pair.access.token}` } })),
    );
    expect(response.touched).toEqual([]);
    expect(response.result.status).toBe(200);
    expect(await response.result.json()).toMatchObject({ user: { id: user.id, email: user.email } });
  });

  it("keeps accepting a signed-out token until its exp: the trade-off", async () => {
    setDenyList(false);
    const { pair } = await signedInUser();
    expect(await signOutWithAccessToken(pair.access.token, testContext())).toBe(true);
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: true });
  });
});

describe("JWT_DENYLIST on", () => {
  it("reads its store to verify: the database, or with REDIS_URL one Redis round trip and no SQL", async () => {
    setDenyList(true);
    const { pair } = await signedInUser();
    await verifyAccessToken(pair.access.token);
    const { touched, result } = await withoutDatabase(() =>
      withRequestTimings(() => verifyAccessToken(pair.access.token).catch(() => null)),
    );
    if (sessionBackend === "redis") {
      expect(touched).toEqual([]);
      expect(result.timings.redis.count).toBe(1);
      expect(result.result).toMatchObject({ ok: true });
    } else {
      expect(touched.length).toBeGreaterThan(0);
    }
  });

  it("refuses a signed-out token at once, and sign-out revoked its family", async () => {
    setDenyList(true);
    const { pair } = await signedInUser();
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: true });
    expect(await signOutWithAccessToken(pair.access.token, testContext())).toBe(true);
    expect(await verifyAccessToken(pair.access.token)).toEqual({
      ok: false,
      reason: "The access token was revoked",
    });
    const family = await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } });
    expect(family.revokedReason).toBe("signed_out");
    const response = await me(
      jsonRequest("/api/me", { headers: { authorization: `Bearer ${pair.access.token}` } }),
    );
    expect(response.status).toBe(401);
  });

  it("refuses a token issued before the user's tokensNotBefore (password change)", async () => {
    setDenyList(true);
    const { user, pair } = await signedInUser();
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: true });
    await revokeAllCredentials(user.id, "password_changed");
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: false });
    // A cut-off in the past (before the token) does not refuse it.
    await setTokensNotBefore(user.id, new Date(Date.now() - 60_000));
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: true });
  });

  it("refuses a disabled user's token", async () => {
    setDenyList(true);
    const { user, pair } = await signedInUser();
    await setUserDisabled(user.email, true);
    expect(await verifyAccessToken(pair.access.token)).toMatchObject({ ok: false });
  });

  // The database check reads the user's row, so even a row changed behind the app's back counts;
  // the Redis check reads the cut-off the disabling verb above writes.
  if (sessionBackend === "database") {
    it("refuses the token of a user disabled behind the app's back", async () => {
      setDenyList(true);
      const { user, pair } = await signedInUser();
      await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      expect(await verifyAccessToken(pair.access.token)).toEqual({
        ok: false,
        reason: "The account is not active",
      });
    });
  }
});
