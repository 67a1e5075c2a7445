// Issue 10, item 8: unlinking a provider needs the same recent, server-held sign-in as linking
// (ASVS 5.0 7.5.1). The Connections action is run in-process as its form posts it, against the
// real database, with the browser's real cookies.
import "@/tests/support/next-runtime";
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { unlinkProvider } from "@/app/account/connections/actions";
import { db } from "@/lib/db";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { linkReauthMaxAgeMs } from "@/lib/oauth/link-access";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { accessCookieHeader } from "@/tests/support/jwt";
import { runServerAction } from "@/tests/support/server-action";

const PAGE = "/account/connections";

/** A password user with GitHub linked: unlinking it never removes the last way in. */
async function userWithGitHub() {
  const user = await createPasswordUser();
  await db.account.create({
    data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: randomUUID() },
  });
  return user;
}

function unlink(cookie: string, provider = "github") {
  const form = new FormData();
  form.set("provider", provider);
  const headers = new Headers({ cookie, "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "http" });
  return runServerAction(unlinkProvider, form, { pathname: PAGE, headers });
}

const providersOf = async (userId: string) =>
  (await db.account.findMany({ where: { userId }, select: { provider: true } })).map((row) => row.provider);

const auditOf = (userId: string, type: string) =>
  db.auditEvent.findMany({ where: { userId, type }, select: { detail: true } });

const detailOf = (detail: unknown) => (typeof detail === "string" ? JSON.parse(detail) : detail);

const longAgo = () => new Date(Date.now() - linkReauthMaxAgeMs() - 60_000);

describe("unlinking a provider needs a recent sign-in", () => {
  it("unlinks with a session-mode sign-in made just now", async () => {
    const user = await userWithGitHub();
    const { cookieHeader } = await signInSessionUser(user);
    expect(await unlink(cookieHeader)).toMatchObject({
      kind: "redirect",
      location: `${PAGE}?unlinked=github`,
    });
    expect(await providersOf(user.id)).toEqual([]);
    expect(await auditOf(user.id, "account.unlinked")).toHaveLength(1);
  });

  it("unlinks with an Auth.js sign-in made just now", async () => {
    const user = await userWithGitHub();
    const { cookieHeader } = await createOAuthSession(user.id);
    expect(await unlink(cookieHeader)).toMatchObject({
      kind: "redirect",
      location: `${PAGE}?unlinked=github`,
    });
    expect(await providersOf(user.id)).toEqual([]);
  });

  it("refuses a stale session with the reason, changing nothing but the audit trail", async () => {
    const user = await userWithGitHub();
    const { cookieHeader } = await signInSessionUser(user);
    // Eleven minutes later by the app's clock (the session may live in Redis, out of SQL's reach):
    // past the window, well inside the session's own idle timeout.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + linkReauthMaxAgeMs() + 60_000 });
    const outcome = await unlink(cookieHeader).finally(() => vi.useRealTimers());
    expect(outcome.kind).toBe("state");
    expect(outcome.kind === "state" && outcome.state.message).toMatch(
      /needs a sign-in from the last 10 minutes\. Sign in again to continue\.$/,
    );
    expect(await providersOf(user.id)).toEqual(["github"]);
    expect(await auditOf(user.id, "account.unlinked")).toHaveLength(0);
    const refused = await auditOf(user.id, "account.unlink_refused");
    expect(refused.map((event) => detailOf(event.detail))).toEqual([{ provider: "github", reason: "stale" }]);
  });

  it("refuses a stale Auth.js session the same way", async () => {
    const user = await userWithGitHub();
    const { cookieHeader } = await createOAuthSession(user.id, { createdAt: longAgo() });
    const outcome = await unlink(cookieHeader);
    expect(outcome.kind === "state" && outcome.state.message).toMatch(/from the last 10 minutes/);
    expect(await providersOf(user.id)).toEqual(["github"]);
  });

  it("refuses a JWT alone, however fresh", async () => {
    const user = await userWithGitHub();
    const cookie = accessCookieHeader((await issueTokenPair(user, testContext())).access.token);
    const outcome = await unlink(cookie);
    expect(outcome.kind === "state" && outcome.state.message).toMatch(/not a JWT alone/);
    expect(await providersOf(user.id)).toEqual(["github"]);
    const refused = await auditOf(user.id, "account.unlink_refused");
    expect(refused.map((event) => detailOf(event.detail))).toEqual([
      { provider: "github", reason: "stateless_only" },
    ]);
  });
});
