import { describe, expect, it } from "vitest";
import { requestContextFrom } from "./request";

describe("requestContextFrom (TRUST_PROXY=1, as in the test environment)", () => {
  it("takes the right-most X-Forwarded-For hop: the one the trusted proxy appended", () => {
    const headers = new Headers({
      "x-forwarded-for": "6.6.6.6, 198.51.100.7",
      "user-agent": "x".repeat(600),
    });
    const context = requestContextFrom(headers);
    expect(context.ipAddress).toBe("198.51.100.7");
    expect(context.userAgent).toHaveLength(512);
  });

  it("falls back to X-Real-IP, then to one shared bucket", () => {
    expect(requestContextFrom(new Headers({ "x-real-ip": "192.0.2.1" })).ipAddress).toBe("192.0.2.1");
    expect(requestContextFrom(new Headers()).ipAddress).toBe("local");
  });
});
