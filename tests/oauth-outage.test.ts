// Auth.js catches adapter errors on its own endpoints. With the store down it would answer
// /api/auth/session with 200 `null` ("signed out") and /api/auth/signout by clearing the cookie
// while the session row stays live. The route reads the session first, so both are a 503 with
// the cookie kept, and they work again once the store is back.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { endOAuthSession } from "@/lib/oauth/sessions";
import { createOAuthSession, createPasswordUser, testContext } from "@/tests/support/factories";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { duringOutage } from "@/tests/support/no-database";

const APP = "http://localhost:3000";

function authRequest(path: string, cookie: string, body?: URLSearchParams): NextRequest {
  return new NextRequest(new URL(path, APP), {
    method: body ? "POST" : "GET",
    body: body?.toString(),
    headers: {
      cookie,
      host: "localhost:3000",
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
  });
}

const clearsSessionCookie = (response: Response) =>
  response.headers.getSetCookie().some((line) => line.startsWith(`${oauthSessionCookieName()}=;`));

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status, await response.clone().text()).toBe(503);
  expect(response.headers.get("retry-after")).toBeTruthy();
  expect(clearsSessionCookie(response)).toBe(false);
}

describe("Auth.js endpoints while the store is down", () => {
  it("GET /api/auth/session answers 503, not a signed-out null, then the session again", async () => {
    const user = await createPasswordUser();
    const { cookieHeader } = await createOAuthSession(user.id);
    await expectUnavailable(await duringOutage(() => GET(authRequest("/api/auth/session", cookieHeader))));

    const back = await GET(authRequest("/api/auth/session", cookieHeader));
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ user: { id: user.id } });
  });

  it("POST /api/auth/signout answers 503 and keeps the cookie while the row is live", async () => {
    const user = await createPasswordUser();
    const { cookieHeader, sessionId } = await createOAuthSession(user.id);
    const csrf = await GET(authRequest("/api/auth/csrf", cookieHeader));
    const jar = `${cookieHeader}; ${csrf.headers.getSetCookie()[0]!.split(";")[0]!}`;
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = () => new URLSearchParams({ csrfToken, callbackUrl: "/oauth/sign-in?signedOut=1" });

    await expectUnavailable(await duringOutage(() => POST(authRequest("/api/auth/signout", jar, form()))));
    expect(await db.session.count({ where: { id: sessionId } })).toBe(1);

    const signedOut = await POST(authRequest("/api/auth/signout", jar, form()));
    expect(signedOut.status).toBe(302);
    expect(clearsSessionCookie(signedOut)).toBe(true);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });

  it("the sign-out action's verb throws in an outage (the form says so) and ends the row otherwise", async () => {
    const user = await createPasswordUser();
    const { cookieHeader, sessionId } = await createOAuthSession(user.id);
    const source = sourceFromRequest(
      new Request(`${APP}/oauth/signed-in`, { headers: { cookie: cookieHeader } }),
    );
    await expect(duringOutage(() => endOAuthSession(source, testContext()))).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    expect(await db.session.count({ where: { id: sessionId } })).toBe(1);
    expect(await endOAuthSession(source, testContext())).toHaveLength(1);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });
});
