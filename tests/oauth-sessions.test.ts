// The sessions page's Auth.js list and revoke: the user's own live sessions only, never the token.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listUserOAuthSessions, revokeUserOAuthSession } from "@/lib/oauth/sessions";
import { createOAuthSession, createPasswordUser, testContext } from "@/tests/support/factories";

describe("Auth.js sessions on the sessions page", () => {
  it("lists the user's live sessions with provider, created and last seen, and no token", async () => {
    const user = await createPasswordUser();
    const { sessionToken: live } = await createOAuthSession(user.id);
    await createOAuthSession(user.id, { expiresInMs: -1000 });
    await db.session.update({ where: { sessionToken: live }, data: { provider: "demo" } });
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
    const { sessionToken: token } = await createOAuthSession(owner.id);
    const { id } = await db.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(await revokeUserOAuthSession(stranger.id, id, testContext())).toBe(false);
    expect(await db.session.count({ where: { id } })).toBe(1);
    expect(await revokeUserOAuthSession(owner.id, id, testContext())).toBe(true);
    expect(await db.session.count({ where: { id } })).toBe(0);
    expect(await revokeUserOAuthSession(owner.id, id, testContext())).toBe(false);
  });
});
