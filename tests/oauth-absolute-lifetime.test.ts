// Issue 10, item 7: an Auth.js session has an absolute lifetime. Auth.js's updateAge keeps
// sliding `expires` while the session is used; a session older than
// AUTH_SESSION_ABSOLUTE_TIMEOUT ends anyway, where it is read (ASVS 5.0 7.3.2).
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { getRequestIdentity } from "@/lib/identity";
import { createOAuthAdapter } from "@/lib/oauth/adapter";
import { createOAuthSession, createPasswordUser } from "@/tests/support/factories";
import { jsonRequest } from "@/tests/support/http";

const absoluteMs = () => env.AUTH_SESSION_ABSOLUTE_TIMEOUT * 1000;

async function sessionCreated(agoMs: number) {
  const user = await createPasswordUser();
  // `expires` far ahead, as Auth.js's sliding update leaves it for a session in use.
  return createOAuthSession(user.id, { createdAt: new Date(Date.now() - agoMs), expiresInMs: 24 * 3600_000 });
}

describe("Auth.js absolute session lifetime", () => {
  it("keeps a session younger than the absolute lifetime (control)", async () => {
    const { cookieHeader, sessionToken } = await sessionCreated(absoluteMs() - 60_000);
    const identity = await getRequestIdentity(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(identity.modes.oauth).toBeDefined();
    const read = await createOAuthAdapter().getSessionAndUser!(sessionToken);
    expect(read?.session.expires.getTime()).toBeGreaterThan(Date.now());
  });

  it("ends a session older than the absolute lifetime even though its expires slid ahead", async () => {
    const { cookieHeader, sessionToken } = await sessionCreated(absoluteMs() + 60_000);
    const identity = await getRequestIdentity(jsonRequest("/api/me", { cookie: cookieHeader }));
    expect(identity.modes.oauth).toBeUndefined();
    // What Auth.js reads: an expires in the past, so auth() deletes the session and its cookie.
    const read = await createOAuthAdapter().getSessionAndUser!(sessionToken);
    expect(read === null || read.session.expires.getTime() <= Date.now()).toBe(true);
  });
});
