// Unlinking a provider: an expected refusal is a Result value (never a bare string), and the last
// way into an account is never removed.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unlinkUserProvider } from "@/lib/oauth/accounts";
import { createPasswordUser, testContext, uniqueEmail } from "@/tests/support/factories";

function linkAccount(userId: string, provider: string) {
  return db.account.create({
    data: { userId, type: "oidc", provider, providerAccountId: randomUUID() },
  });
}

const linkedProviders = async (userId: string) =>
  (await db.account.findMany({ where: { userId }, select: { provider: true } })).map((row) => row.provider);

describe("unlinkUserProvider", () => {
  it("unlinks a provider when a password remains, then says it is not linked", async () => {
    const user = await createPasswordUser();
    await linkAccount(user.id, "demo");
    expect(await unlinkUserProvider(user.id, "demo", testContext())).toEqual({
      ok: true,
      value: { provider: "demo" },
    });
    expect(await linkedProviders(user.id)).toEqual([]);
    expect(await unlinkUserProvider(user.id, "demo", testContext())).toEqual({
      ok: false,
      reason: "not_linked",
    });
  });

  it("refuses to unlink the last way in, and changes nothing", async () => {
    const user = await db.user.create({ data: { email: uniqueEmail() } }); // no password
    await linkAccount(user.id, "demo");
    expect(await unlinkUserProvider(user.id, "demo", testContext())).toEqual({
      ok: false,
      reason: "last_way_in",
    });
    expect(await linkedProviders(user.id)).toEqual(["demo"]);
    // With a second provider linked, the first can go.
    await linkAccount(user.id, "github");
    expect(await unlinkUserProvider(user.id, "demo", testContext())).toMatchObject({ ok: true });
    expect(await linkedProviders(user.id)).toEqual(["github"]);
  });
});
