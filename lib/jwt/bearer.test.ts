import { describe, expect, it } from "vitest";
import { bearerChallenge, parseBearer } from "./bearer";

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
