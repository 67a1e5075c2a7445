import { describe, expect, it } from "vitest";
import { bearerChallenge, parseBearer } from "./bearer";
import { clearedJwtCookies, refreshCookie, serializeCookie } from "./cookies";

describe("parseBearer", () => {
  it.each([
    ["Bearer abc.def.ghi", { kind: "token", token: "abc.def.ghi" }],
    ["bearer   abc.def.ghi ", { kind: "token", token: "abc.def.ghi" }],
    ["Basic dXNlcjpwYXNz", { kind: "none" }],
    [null, { kind: "none" }],
    ["Bearer", { kind: "malformed" }],
    ["Bearer a b", { kind: "malformed" }],
    ['Bearer a"b', { kind: "malformed" }],
  ])("%s", (header, expected) => {
    expect(parseBearer(header)).toEqual(expected);
  });
});

describe("bearerChallenge", () => {
  it("never lets a description break out of its quoted string", () => {
    expect(bearerChallenge({ code: "invalid_token", description: 'bad "token"\r\nX-Injected: 1' })).toBe(
      'Bearer realm="authlab", error="invalid_token", error_description="bad tokenX-Injected: 1"',
    );
  });
});

describe("JWT cookies", () => {
  it("scopes the refresh cookie to the refresh path, Strict, HttpOnly", () => {
    const header = serializeCookie(refreshCookie("value", new Date(Date.now() + 60_000)));
    expect(header).toMatch(
      /^authlab-jwt-refresh=value; Path=\/api\/jwt\/refresh; Max-Age=(59|60); HttpOnly; SameSite=Strict$/,
    );
  });

  it("clears exactly JWT mode's two cookies, on their own paths", () => {
    expect(clearedJwtCookies().map(serializeCookie)).toEqual([
      "authlab-jwt=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
      "authlab-jwt-refresh=; Path=/api/jwt/refresh; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict",
    ]);
  });
});
