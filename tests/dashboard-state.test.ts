import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/dashboard/state/route";
import { GET as getMe } from "@/app/api/me/route";
import { createApiKey } from "@/lib/apikey/store";
import { flushApiKeyUses } from "@/lib/apikey/usage";
import { rotateSigningKeys } from "@/lib/jwt/keys/signing";
import { revokeCredential, revokeOwnCredential } from "@/lib/revocation";
import {
  createOAuthSession,
  createPasswordUser,
  signInSessionUser,
  testContext,
} from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";
import { accessCookieHeader, signedInUser } from "@/tests/support/jwt";

async function etag(cookie?: string): Promise<string> {
  const response = await GET(jsonRequest("/api/dashboard/state", { cookie }));
  expect(response.status).toBe(200);
  return response.headers.get("etag")!;
}

describe("GET /api/dashboard/state", () => {
  it("answers 304 to a matching If-None-Match and never includes token values", async () => {
    const { pair } = await signedInUser();
    const cookie = accessCookieHeader(pair.access.token);
    const first = await GET(jsonRequest("/api/dashboard/state", { cookie }));
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(await first.text()).not.toContain(pair.access.token);
    const again = await GET(
      jsonRequest("/api/dashboard/state", { cookie, headers: { "if-none-match": tag } }),
    );
    expect(again.status).toBe(304);
  });

  it("changes when a session is revoked elsewhere", async () => {
    const user = await createPasswordUser();
    const started = await signInSessionUser(user);
    const cookie = started.cookieHeader;
    const before = await etag(cookie);
    expect(await etag(cookie)).toBe(before);
    await revokeOwnCredential(user.id, "server_session", started.session.id, testContext());
    expect(await etag(cookie)).not.toBe(before);
  });

  it("changes when the JWT's family is revoked (though the token still verifies) and when keys rotate", async () => {
    const { user, pair } = await signedInUser();
    const cookie = accessCookieHeader(pair.access.token);
    const before = await etag(cookie);
    await rotateSigningKeys("test");
    const rotated = await etag(cookie);
    expect(rotated).not.toBe(before);
    await revokeCredential(
      { kind: "refresh_family", id: pair.refresh.familyId, userId: user.id },
      "revoked_by_user",
    );
    expect(await etag(cookie)).not.toBe(rotated);
  });
});

describe("GET /api/dashboard/state and API keys", () => {
  it("changes when an API key is made, used or revoked elsewhere", async () => {
    const user = await createPasswordUser();
    const { cookieHeader: cookie } = await signInSessionUser(user);
    const before = await etag(cookie);
    const created = await createApiKey(
      user.id,
      { name: "script", scopes: ["read:profile"], expiresAt: null },
      testContext(),
    );
    if (!created.ok) throw new Error(created.reason);
    const made = await etag(cookie);
    expect(made).not.toBe(before);
    const used = await getMe(jsonRequest("/api/me", { headers: { "x-api-key": created.value.key } }));
    expect(used.status).toBe(200);
    await flushApiKeyUses();
    const afterUse = await etag(cookie);
    expect(afterUse).not.toBe(made);
    await revokeOwnCredential(user.id, "api_key", created.value.view.id, testContext());
    expect(await etag(cookie)).not.toBe(afterUse);
  });
});

describe("GET /api/dashboard/state body", () => {
  it("contains no credential value of any mode", async () => {
    const user = await createPasswordUser();
    const started = await signInSessionUser(user);
    const { pair } = await signedInUser();
    const oauth = await createOAuthSession(user.id);
    const cookie = [started.cookieHeader, accessCookieHeader(pair.access.token), oauth.cookieHeader].join(
      "; ",
    );
    const body = await (await GET(jsonRequest("/api/dashboard/state", { cookie }))).text();
    expect(JSON.parse(body).modes).toHaveProperty("oauth");
    for (const secret of [started.cookie.value, pair.access.token, oauth.sessionToken, user.email]) {
      expect(body).not.toContain(secret);
    }
  });
});
