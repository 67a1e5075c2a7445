// The sessions page's Auth.js list and revoke: the user's own live sessions only, never the token.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOAuthAdapter } from "@/lib/oauth/adapter";
import { listUserOAuthSessions } from "@/lib/oauth/sessions";
import { revokeOwnCredential } from "@/lib/revocation";
import { createOAuthSession, createPasswordUser, testContext } from "@/tests/support/factories";

describe("Auth.js sessions on the sessions page", () => {
  it("lists the user's live sessions with provider, created and last seen, and no token", async () => {
    const user = await createPasswordUser();
    const { sessionToken: live, sessionId } = await createOAuthSession(user.id);
    await createOAuthSession(user.id, { expiresInMs: -1000 });
    await db.session.update({ where: { id: sessionId }, data: { provider: "demo" } });
    const listed = await listUserOAuthSessions(user.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ provider: "demo" });
    expect(Object.keys(listed[0]!).sort()).toEqual([
      "createdAt",
      "expiresAt",
      "id",
      "lastSeenAt",
      "provider",
    ]);
    expect(JSON.stringify(listed)).not.toContain(live);
  });

  it("revokes the user's own session, and answers not found for anyone else's", async () => {
    const owner = await createPasswordUser();
    const stranger = await createPasswordUser();
    const { sessionId: id } = await createOAuthSession(owner.id);
    expect(await revokeOwnCredential(stranger.id, "oauth_session", id, testContext())).toBe(false);
    expect(await db.session.count({ where: { id } })).toBe(1);
    expect(await revokeOwnCredential(owner.id, "oauth_session", id, testContext())).toBe(true);
    expect(await db.session.count({ where: { id } })).toBe(0);
    expect(await revokeOwnCredential(owner.id, "oauth_session", id, testContext())).toBe(false);
  });

  it("ends Auth.js's own sign-out through the revocation path, audited once with its reason", async () => {
    const user = await createPasswordUser();
    const { sessionToken, sessionId } = await createOAuthSession(user.id);
    const adapter = createOAuthAdapter();
    expect(await adapter.deleteSession!(sessionToken)).toMatchObject({ id: sessionId, userId: user.id });
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { userId: user.id, type: "sign_out" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ mode: "oauth" });
    const detail = typeof events[0]!.detail === "string" ? JSON.parse(events[0]!.detail) : events[0]!.detail;
    expect(detail).toEqual({ reason: "signed_out", credentials: [{ kind: "oauth_session", id: sessionId }] });
    // Signing out twice ends nothing more and audits nothing more.
    expect(await adapter.deleteSession!(sessionToken)).toBeNull();
    expect(await db.auditEvent.count({ where: { userId: user.id, type: "sign_out" } })).toBe(1);
  });
});
