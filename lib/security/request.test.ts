import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { requestContextFrom } from "./request";

const ip = (headers: Record<string, string>) => requestContextFrom(new Headers(headers)).ipAddress;

describe("requestContextFrom (TRUST_PROXY=1, as in the test environment)", () => {
  it("takes the right-most X-Forwarded-For hop: the one the trusted proxy appended", () => {
    const headers = new Headers({
      "x-forwarded-for": "6.6.6.6, 198.51.100.7",
      "user-agent": "x".repeat(600),
    });
    const context = requestContextFrom(headers);
    expect(context.ipAddress).toBe("198.51.100.7");
    expect(context.userAgent).toHaveLength(512);
    expect(ip({ "x-forwarded-for": "6.6.6.6,2001:db8::1" })).toBe("2001:db8::1");
    expect(ip({ "x-forwarded-for": "[2001:db8::1]:443" })).toBe("2001:db8::1");
    expect(ip({ "x-forwarded-for": "198.51.100.7:8080" })).toBe("198.51.100.7");
  });

  it("reads no other header, and takes a missing or garbled hop as no client IP", () => {
    expect(ip({ "x-real-ip": "192.0.2.1" })).toBeNull();
    expect(ip({ forwarded: "for=192.0.2.1" })).toBeNull();
    expect(ip({})).toBeNull();
    expect(ip({ "x-forwarded-for": "192.0.2.1, not-an-ip" })).toBeNull();
    expect(ip({ "x-forwarded-for": "192.0.2.1," })).toBeNull();
  });
});

describe("requestContextFrom with TRUST_PROXY=0", () => {
  afterEach(() => {
    process.env.TRUST_PROXY = "1";
    resetEnvForTests();
  });

  it("has no client IP, whatever the client claims", () => {
    process.env.TRUST_PROXY = "0";
    resetEnvForTests();
    expect(ip({ "x-forwarded-for": "198.51.100.7" })).toBeNull();
    expect(ip({ "x-real-ip": "198.51.100.7" })).toBeNull();
  });
});
