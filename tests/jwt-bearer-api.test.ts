import { decodeJwt } from "jose";
// A non-browser client end to end: /api/jwt/token → GET /api/me with Bearer → /api/jwt/refresh
// → /api/jwt/revoke (then refresh fails), plus the error contract of each endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { POST as refresh } from "@/app/api/jwt/refresh/route";
import { POST as revoke } from "@/app/api/jwt/revoke/route";
import { POST as token } from "@/app/api/jwt/token/route";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createPasswordUser, TEST_PASSWORD } from "@/tests/support/factories";
import { clientIp, jsonRequest } from "@/tests/support/http";
import { deniedAccessToken } from "@/tests/support/stores";

type TokenBody = { access_token: string; refresh_token: string; token_type: string; expires_in: number };

// Each request gets its own client IP, so the per-IP sign-in limit never couples tests.
beforeAll(() => {
  process.env.TRUST_PROXY = "1";
  resetEnvForTests();
});
afterAll(() => {
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

const callMe = (accessToken: string) =>
  me(jsonRequest("/api/me", { headers: { authorization: `Bearer ${accessToken}` } }));

describe("Bearer API", () => {
  it("token → me → refresh → revoke, after which the refresh token is dead", async () => {
    const user = await createPasswordUser();
    const issued = await token(
      jsonRequest("/api/jwt/token", {
        body: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
        headers: clientIp(),
      }),
    );
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const tokens = (await issued.json()) as TokenBody;
    expect(tokens).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: "Bearer",
      expires_in: expect.any(Number),
    });

    const whoami = await callMe(tokens.access_token);
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({
      user: { id: user.id, email: user.email, name: "Test User", image: null },
      mode: "jwt",
      modes: ["jwt"],
    });

    const refreshed = await refresh(
      jsonRequest("/api/jwt/refresh", { body: { refresh_token: tokens.refresh_token } }),
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get("set-cookie")).toBeNull(); // API clients get tokens in the body only
    const next = (await refreshed.json()) as TokenBody;
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect((await callMe(next.access_token)).status).toBe(200);

    const revoked = await revoke(jsonRequest("/api/jwt/revoke", { body: { token: next.refresh_token } }));
    expect(revoked.status).toBe(200);
    const family = await db.refreshTokenFamily.findFirstOrThrow({ where: { userId: user.id } });
    expect(family.revokedAt).not.toBeNull();

    const afterRevoke = await refresh(
      jsonRequest("/api/jwt/refresh", { body: { refresh_token: next.refresh_token } }),
    );
    expect(afterRevoke.status).toBe(400);
    expect(await afterRevoke.json()).toEqual({
      error: { code: "invalid_grant", message: expect.any(String) },
    });
  });

  it("answers wrong credentials with invalid_grant and the generic message", async () => {
    const user = await createPasswordUser();
    for (const body of [
      { email: user.email, password: "wrong password" },
      { email: "nobody@example.test", password: TEST_PASSWORD },
    ]) {
      const response = await token(jsonRequest("/api/jwt/token", { body, headers: clientIp() }));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: "invalid_grant", message: INVALID_CREDENTIALS_MESSAGE },
      });
    }
  });

  it("refuses malformed JSON (400), invalid fields (400), wrong content types (415) and huge bodies (413)", async () => {
    const cases: [Request, number, string][] = [
      [jsonRequest("/api/jwt/token", { body: "{not json", headers: clientIp() }), 400, "invalid_json"],
      [
        jsonRequest("/api/jwt/token", { body: { email: "not-an-email", password: "x" } }),
        400,
        "invalid_request",
      ],
      [jsonRequest("/api/jwt/token", { body: { email: "a@example.test" } }), 400, "invalid_request"],
      [jsonRequest("/api/jwt/token", { body: ["array"] }), 400, "invalid_request"],
      [
        new Request("http://localhost:3000/api/jwt/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "email=a%40example.test&password=x",
        }),
        415,
        "unsupported_media_type",
      ],
      [
        new Request("http://localhost:3000/api/jwt/token", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: '{"email":"a@example.test","password":"x"}',
        }),
        415,
        "unsupported_media_type",
      ],
      [
        jsonRequest("/api/jwt/token", { body: { email: "a@example.test", password: "x".repeat(20_000) } }),
        413,
        "payload_too_large",
      ],
    ];
    for (const [request, status, code] of cases) {
      const response = await token(request);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    for (const body of ["[]", '{"refresh_token": 5}', "nope"]) {
      const response = await refresh(jsonRequest("/api/jwt/refresh", { body }));
      expect(response.status).toBe(400);
    }
    const noToken = await revoke(jsonRequest("/api/jwt/revoke", { body: {} }));
    expect(noToken.status).toBe(400);
  });

  it("answers 429 with Retry-After once the account is locked for that client", async () => {
    const user = await createPasswordUser();
    const client = clientIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await token(
        jsonRequest("/api/jwt/token", {
          body: { email: user.email, password: "wrong password" },
          headers: client,
        }),
      );
      statuses.push(last.status);
    }
    expect(statuses).toContain(429);
    const locked = await token(
      jsonRequest("/api/jwt/token", {
        body: { email: user.email, password: TEST_PASSWORD },
        headers: client,
      }),
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("revocation answers 200 for unknown, garbage and already revoked tokens (RFC 7009 §2.2)", async () => {
    for (const value of ["unknown-token", "a.b.c", "x".repeat(300)]) {
      const response = await revoke(jsonRequest("/api/jwt/revoke", { body: { token: value } }));
      expect(response.status).toBe(200);
    }
    const form = await revoke(
      new Request("http://localhost:3000/api/jwt/revoke", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "token=unknown&token_type_hint=refresh_token",
      }),
    );
    expect(form.status).toBe(200);
  });

  it("revoking an access token deny-lists its jti until exp", async () => {
    const user = await createPasswordUser();
    const tokens = (await (
      await token(
        jsonRequest("/api/jwt/token", {
          body: { email: user.email, password: TEST_PASSWORD },
          headers: clientIp(),
        }),
      )
    ).json()) as TokenBody;
    const response = await revoke(
      jsonRequest("/api/jwt/revoke", {
        body: { token: tokens.access_token, token_type_hint: "access_token" },
      }),
    );
    expect(response.status).toBe(200);
    const denied = await deniedAccessToken(decodeJwt(tokens.access_token).jti!);
    expect(denied?.userId).toBe(user.id);
    expect(denied!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("answers bad Bearer tokens with RFC 6750 invalid_token and never echoes them", async () => {
    for (const header of ["Bearer not-a-jwt", "Bearer a.b.c", "Bearer ", "bearer !!!", "Bearer a b"]) {
      const response = await me(jsonRequest("/api/me", { headers: { authorization: header } }));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(
        /^Bearer realm="authlab", error="invalid_token"/,
      );
    }
  });
});
