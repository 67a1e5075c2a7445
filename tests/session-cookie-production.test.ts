import { describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { sessionCookieAttributes, sessionCookieName } from "@/lib/session/cookie";

describe("session cookie in production", () => {
  it("is __Host- prefixed and Secure", () => {
    vi.stubEnv("NODE_ENV", "production");
    resetEnvForTests();
    expect(sessionCookieName()).toBe("__Host-authlab-session");
    expect(sessionCookieAttributes(60)).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60,
    });
    vi.unstubAllEnvs();
    resetEnvForTests();
    expect(sessionCookieName()).toBe("authlab-session");
  });
});
