// Concurrent refreshes from one browser (two tabs loading at once with an expired access token):
// on the cookie paths a sibling that lost the race by moments is "superseded", not reuse, so the
// family lives. Outside the grace window, or once the chain has moved on, it is reuse as before;
// the Bearer API (token in the body) is strict always.
import { describe, expect, it } from "vitest";
import { GET as bounce, POST as refresh } from "@/app/api/jwt/refresh/route";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { ROTATION_GRACE_MS } from "@/lib/jwt/config";
import { jwtCookieNames, MAX_SUPERSEDED_BOUNCES } from "@/lib/jwt/cookies";
import { rotateRefreshToken } from "@/lib/jwt/refresh-tokens";
import { testContext } from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";
import { signedInUser } from "@/tests/support/jwt";

const names = jwtCookieNames();
const cookieHeader = (refreshToken: string) => `${names.refresh}=${refreshToken}`;

const navigate = (refreshToken: string, extraCookie = "") =>
  bounce(
    new Request("http://localhost:3000/api/jwt/refresh?next=%2Fjwt", {
      headers: { "sec-fetch-site": "same-origin", cookie: `${cookieHeader(refreshToken)}${extraCookie}` },
    }),
  );
const cookiePost = (refreshToken: string) =>
  refresh(jsonRequest("/api/jwt/refresh", { body: {}, cookie: cookieHeader(refreshToken) }));

const refreshCookieValue = (response: Response): string | undefined =>
  response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${names.refresh}=`))
    ?.split(";")[0]
    ?.slice(names.refresh.length + 1);

async function familyOf(familyId: string) {
  return db.refreshTokenFamily.findUniqueOrThrow({ where: { id: familyId } });
}

async function reuseEvents(userId: string): Promise<number> {
  return db.auditEvent.count({ where: { userId, type: "token.reuse_detected" } });
}

/** Backdates a used token's use, as if the request that rotated it ran `ms` ago. */
async function usedMsAgo(token: string, ms: number): Promise<void> {
  await db.refreshToken.update({
    where: { tokenHash: hashToken(token) },
    data: { usedAt: new Date(Date.now() - ms) },
  });
}

describe("cookie refresh: a concurrent sibling is superseded, not reuse", () => {
  it("of 6 concurrent navigation refreshes one rotates, the rest bounce back untouched, the family lives", async () => {
    const { user, pair } = await signedInUser();
    const responses = await Promise.all(Array.from({ length: 6 }, () => navigate(pair.refresh.token)));

    expect(responses.every((response) => response.status === 303)).toBe(true);
    expect(responses.every((response) => response.headers.get("location") === "/jwt")).toBe(true);
    const winners = responses.filter((response) => refreshCookieValue(response));
    expect(winners).toHaveLength(1);
    for (const loser of responses.filter((response) => !refreshCookieValue(response))) {
      const cookies = loser.headers.getSetCookie();
      // No cookie cleared: only the bounce counter is set.
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatch(/^authlab-jwt-superseded=1; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    }

    expect((await familyOf(pair.refresh.familyId)).revokedAt).toBeNull();
    expect(await reuseEvents(user.id)).toBe(0);
    const parent = await db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(pair.refresh.token) },
    });
    expect(await db.refreshToken.count({ where: { parentId: parent.id } })).toBe(1);

    // The winner's cookie (the newest token) still refreshes.
    const newest = refreshCookieValue(winners[0]!)!;
    const next = await navigate(newest);
    expect(refreshCookieValue(next)).toBeTruthy();
  });

  it("of 6 concurrent cookie POSTs one gets 200, the rest 409 refresh_superseded with no cookies cleared", async () => {
    const { user, pair } = await signedInUser();
    const responses = await Promise.all(Array.from({ length: 6 }, () => cookiePost(pair.refresh.token)));

    const ok = responses.filter((response) => response.status === 200);
    const superseded = responses.filter((response) => response.status === 409);
    expect(ok).toHaveLength(1);
    expect(superseded).toHaveLength(5);
    for (const response of superseded) {
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.json()).toMatchObject({ error: { code: "refresh_superseded" } });
    }
    expect((await familyOf(pair.refresh.familyId)).revokedAt).toBeNull();
    expect(await reuseEvents(user.id)).toBe(0);

    const retried = await cookiePost(refreshCookieValue(ok[0]!)!);
    expect(retried.status).toBe(200);
  });

  it("counts superseded bounces in a cookie, so proxy can stop bouncing", async () => {
    const { pair } = await signedInUser();
    expect(refreshCookieValue(await navigate(pair.refresh.token))).toBeTruthy();
    const again = await navigate(pair.refresh.token, "; authlab-jwt-superseded=1");
    expect(again.headers.getSetCookie()).toEqual([expect.stringMatching(/^authlab-jwt-superseded=2;/)]);
    const capped = await navigate(pair.refresh.token, `; authlab-jwt-superseded=${MAX_SUPERSEDED_BOUNCES}`);
    expect(capped.headers.getSetCookie()).toEqual([
      expect.stringMatching(new RegExp(`^authlab-jwt-superseded=${MAX_SUPERSEDED_BOUNCES};`)),
    ]);
    expect((await familyOf(pair.refresh.familyId)).revokedAt).toBeNull();
  });
});

describe("cookie refresh: still reuse when it is not a concurrent sibling", () => {
  it("revokes the family for a used token presented after the grace window (navigation)", async () => {
    const { user, pair } = await signedInUser();
    const first = await navigate(pair.refresh.token);
    const newest = refreshCookieValue(first)!;
    await usedMsAgo(pair.refresh.token, ROTATION_GRACE_MS + 1000);

    const late = await navigate(pair.refresh.token);
    expect(late.status).toBe(303);
    const cleared = late.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    expect(cleared.every((cookie) => cookie.includes("Max-Age=0"))).toBe(true);
    expect((await familyOf(pair.refresh.familyId)).revokedReason).toBe("reuse_detected");
    expect(await reuseEvents(user.id)).toBe(1);
    expect(await rotateRefreshToken(newest, testContext())).toEqual({ ok: false, reason: "revoked" });
  });

  it("revokes the family for a used token presented after the grace window (cookie POST, explicit now)", async () => {
    const { pair } = await signedInUser();
    expect((await cookiePost(pair.refresh.token)).status).toBe(200);
    const later = new Date(Date.now() + ROTATION_GRACE_MS + 1000);
    expect(
      await rotateRefreshToken(pair.refresh.token, testContext(), { allowSuperseded: true, now: later }),
    ).toEqual({ ok: false, reason: "reused" });
    expect((await familyOf(pair.refresh.familyId)).revokedReason).toBe("reuse_detected");

    const response = await cookiePost(pair.refresh.token);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_grant" } });
  });

  it("revokes the family within the grace window when the token's successor was already used", async () => {
    const { user, pair } = await signedInUser();
    const second = refreshCookieValue(await navigate(pair.refresh.token))!;
    expect(refreshCookieValue(await navigate(second))).toBeTruthy();

    // The first token, moments after its use, but the chain has moved on past its child.
    const response = await cookiePost(pair.refresh.token);
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().every((cookie) => cookie.includes("Max-Age=0"))).toBe(true);
    expect((await familyOf(pair.refresh.familyId)).revokedReason).toBe("reuse_detected");
    expect(await reuseEvents(user.id)).toBe(1);
  });

  it("never grants grace on the Bearer API: a body token presented twice within a second ends the family", async () => {
    const { pair } = await signedInUser();
    const body = { refresh_token: pair.refresh.token };
    expect((await refresh(jsonRequest("/api/jwt/refresh", { body }))).status).toBe(200);
    const replay = await refresh(jsonRequest("/api/jwt/refresh", { body }));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: { code: "invalid_grant" } });
    expect((await familyOf(pair.refresh.familyId)).revokedReason).toBe("reuse_detected");
  });
});
