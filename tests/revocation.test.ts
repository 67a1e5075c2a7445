// lib/revocation: each verb ends what it names, only for its owner, once, with one audit event
// that carries the reason.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { revokeAllCredentials, revokeCredential, revokeSignIn } from "@/lib/revocation";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { deniedAccessToken, storedSession } from "@/tests/support/stores";

async function userWithEveryMode() {
  const user = await createPasswordUser();
  const started = await signInSessionUser(user);
  const pair = await issueTokenPair(user, testContext());
  const { sessionId: oauthSessionId } = await createOAuthSession(user.id);
  return { user, serverSessionId: started.session.id, pair, oauthSessionId };
}

function auditOf(userId: string, type: string) {
  return db.auditEvent.findMany({ where: { userId, type }, select: { mode: true, detail: true } });
}

describe("revokeCredential", () => {
  it("revokes one server session with its reason, once, and audits it", async () => {
    const { user, serverSessionId } = await userWithEveryMode();
    const ref = { kind: "server_session", id: serverSessionId, userId: user.id } as const;
    expect(await revokeCredential(ref, "revoked_by_user", testContext())).toEqual({
      kind: "server_session",
      id: serverSessionId,
      userId: user.id,
    });
    expect(await revokeCredential(ref, "revoked_by_user")).toBeNull();
    const row = await storedSession(serverSessionId);
    expect(row?.revokedReason).toBe("revoked_by_user");
    expect(row?.revokedAt).not.toBeNull();
    expect(await auditOf(user.id, "session.revoked")).toEqual([
      {
        mode: "session",
        detail: { reason: "revoked_by_user", credentials: [{ kind: "server_session", id: serverSessionId }] },
      },
    ]);
  });

  it("ends nothing of another user's, whatever the id", async () => {
    const { user, serverSessionId, pair, oauthSessionId } = await userWithEveryMode();
    const stranger = (await createPasswordUser()).id;
    for (const [kind, id] of [
      ["server_session", serverSessionId],
      ["refresh_family", pair.refresh.familyId],
      ["oauth_session", oauthSessionId],
    ] as const) {
      expect(await revokeCredential({ kind, id, userId: stranger }, "revoked_by_user")).toBeNull();
    }
    expect((await storedSession(serverSessionId))?.revokedAt).toBeNull();
    expect(
      (await db.refreshTokenFamily.findUniqueOrThrow({ where: { id: pair.refresh.familyId } })).revokedAt,
    ).toBeNull();
    expect(await db.session.count({ where: { id: oauthSessionId } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { userId: { in: [user.id, stranger] }, type: "session.revoked" } }),
    ).toBe(0);
  });

  it("revokes a refresh family and every token in it: none stays current", async () => {
    const { user, pair } = await userWithEveryMode();
    const ref = { kind: "refresh_family", id: pair.refresh.familyId, userId: user.id } as const;
    expect(await revokeCredential(ref, "revoked_by_client")).not.toBeNull();
    const tokens = await db.refreshToken.findMany({ where: { familyId: pair.refresh.familyId } });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.revokedAt && token.revokedReason === "revoked_by_client")).toBe(
      true,
    );
    expect((await auditOf(user.id, "token.family_revoked"))[0]?.detail).toMatchObject({
      reason: "revoked_by_client",
    });
  });

  it("deny-lists an access token's jti until its exp, once", async () => {
    const { user, pair } = await userWithEveryMode();
    const ref = {
      kind: "access_token",
      id: pair.access.jti,
      userId: user.id,
      expiresAt: pair.access.expiresAt,
    } as const;
    expect(await revokeCredential(ref, "revoked_by_client")).not.toBeNull();
    expect(await revokeCredential(ref, "revoked_by_client")).toBeNull();
    const row = await deniedAccessToken(pair.access.jti);
    expect(row?.expiresAt.getTime()).toBe(pair.access.expiresAt.getTime());
    expect(await auditOf(user.id, "token.revoked")).toHaveLength(1);
  });

  it("deletes one Auth.js session", async () => {
    const { user, oauthSessionId } = await userWithEveryMode();
    const ref = { kind: "oauth_session", id: oauthSessionId, userId: user.id } as const;
    expect(await revokeCredential(ref, "revoked_by_user")).not.toBeNull();
    expect(await db.session.count({ where: { id: oauthSessionId } })).toBe(0);
    expect(await revokeCredential(ref, "revoked_by_user")).toBeNull();
    expect((await auditOf(user.id, "session.revoked"))[0]?.mode).toBe("oauth");
  });
});

describe("revokeSignIn", () => {
  it("ends what one browser holds, with one sign_out event per mode", async () => {
    const { user, serverSessionId, pair, oauthSessionId } = await userWithEveryMode();
    const ended = await revokeSignIn(
      [
        { kind: "server_session", id: serverSessionId, userId: user.id },
        { kind: "refresh_family", id: pair.refresh.familyId, userId: user.id },
        { kind: "access_token", id: pair.access.jti, userId: user.id, expiresAt: pair.access.expiresAt },
        { kind: "oauth_session", id: oauthSessionId, userId: user.id },
      ],
      "signed_out",
      testContext(),
    );
    expect(ended.map((entry) => entry.kind)).toEqual([
      "server_session",
      "refresh_family",
      "access_token",
      "oauth_session",
    ]);
    const events = await auditOf(user.id, "sign_out");
    expect(events.map((event) => event.mode).sort()).toEqual(["jwt", "oauth", "session"]);
    expect(events.find((event) => event.mode === "jwt")?.detail).toEqual({
      reason: "signed_out",
      credentials: [
        { kind: "refresh_family", id: pair.refresh.familyId },
        { kind: "access_token", id: pair.access.jti },
      ],
    });
  });
});

describe("revokeAllCredentials", () => {
  it("ends every mode's state, keeps the asking session, sets tokensNotBefore and audits once", async () => {
    const { user, serverSessionId, pair, oauthSessionId } = await userWithEveryMode();
    const other = await signInSessionUser(user);
    const result = await revokeAllCredentials(user.id, "password_changed", {
      context: testContext(),
      keep: { serverSessionId },
    });
    expect(result.ended).toEqual([
      { kind: "server_session", id: other.session.id, userId: user.id },
      { kind: "refresh_family", id: pair.refresh.familyId, userId: user.id },
      { kind: "oauth_session", id: oauthSessionId, userId: user.id },
    ]);
    const kept = await storedSession(serverSessionId);
    expect(kept?.revokedAt).toBeNull();
    expect((await storedSession(other.session.id))?.revokedReason).toBe("password_changed");
    expect(await db.refreshToken.count({ where: { familyId: pair.refresh.familyId, revokedAt: null } })).toBe(
      0,
    );
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const { tokensNotBefore } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(tokensNotBefore?.getTime()).toBe(result.accessTokensNotBefore.getTime());
    expect(await auditOf(user.id, "session.revoked_all")).toEqual([
      {
        mode: null,
        detail: { reason: "password_changed", server_session: 1, refresh_family: 1, oauth_session: 1 },
      },
    ]);
  });
});
