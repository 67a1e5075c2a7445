// Every mode's cookies under the one rule (lib/http/cookies.ts): on an http APP_URL (dev, and the
// e2e server's production build on http://localhost) plain names and no Secure; on an https
// APP_URL the `__Host-`/`__Secure-` prefixes and Secure, whatever NODE_ENV says. The set and the
// clear form of each cookie carry the same name and attributes, written the same way by our
// serializer and by Next's cookie stores.
import { NextResponse } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { type Cookie, serializeCookie, setCookies, usesSecureCookies } from "@/lib/http/cookies";
import {
  accessCookie,
  clearedJwtCookies,
  jwtCookieNames,
  refreshCookie,
  supersededCookie,
} from "@/lib/jwt/cookies";
import { createAuthConfig } from "@/lib/oauth/config";
import { clearedLinkIntentCookie, linkIntentCookieName, oauthSessionCookieName } from "@/lib/oauth/cookies";
import { linkIntentCookie } from "@/lib/oauth/link-intent";
import { clearedSessionCookie, sessionCookieName, sessionCookieWith } from "@/lib/session/cookie";

const SETTINGS = [
  {
    label: "dev on http://localhost",
    NODE_ENV: "development",
    APP_URL: "http://localhost:3000",
    secure: false,
  },
  {
    label: "a production build on http://localhost",
    NODE_ENV: "production",
    APP_URL: "http://localhost:3400",
    secure: false,
  },
  {
    label: "dev behind an https APP_URL",
    NODE_ENV: "development",
    APP_URL: "https://authlab.example.com",
    secure: true,
  },
  {
    label: "production on https",
    NODE_ENV: "production",
    APP_URL: "https://authlab.example.com",
    secure: true,
  },
] as const;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const inOneMinute = () => new Date(Date.now() + 60_000);

/** Each cookie authlab sets: its name without prefix, its prefix, its set and clear forms. */
const COOKIES = [
  {
    cookie: "session",
    base: "authlab-session",
    prefix: "__Host-",
    set: () => sessionCookieWith("v", 60),
    clear: () => clearedSessionCookie(),
    expected: { value: "v", path: "/", sameSite: "Lax", maxAge: 60 },
  },
  {
    cookie: "JWT access",
    base: "authlab-jwt",
    prefix: "__Host-",
    set: () => accessCookie("v", inOneMinute()),
    clear: () => clearedJwtCookies()[0]!,
    expected: { value: "v", path: "/", sameSite: "Lax", maxAge: 60 },
  },
  {
    cookie: "JWT refresh",
    base: "authlab-jwt-refresh",
    prefix: "__Secure-",
    set: () => refreshCookie("v", inOneMinute()),
    clear: () => clearedJwtCookies()[1]!,
    expected: { value: "v", path: "/api/jwt/refresh", sameSite: "Strict", maxAge: 60 },
  },
  {
    cookie: "JWT superseded-bounce counter",
    base: "authlab-jwt-superseded",
    prefix: "__Host-",
    set: () => supersededCookie(1),
    clear: null,
    expected: { value: "1", path: "/", sameSite: "Lax", maxAge: 10 },
  },
  {
    cookie: "OAuth link intent",
    base: "authlab.oauth-link",
    prefix: "__Host-",
    set: () => linkIntentCookie("v"),
    clear: () => clearedLinkIntentCookie(),
    expected: { value: "v", path: "/", sameSite: "Lax", maxAge: 300 },
  },
];

function use(setting: (typeof SETTINGS)[number]): void {
  vi.stubEnv("NODE_ENV", setting.NODE_ENV);
  vi.stubEnv("APP_URL", setting.APP_URL);
  resetEnvForTests();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

/** A Set-Cookie value as a set of attributes (names lower-cased; Expires ignored: Max-Age rules). */
function attributesOf(header: string): Set<string> {
  const [, ...attributes] = header.split(/;\s*/);
  return new Set(attributes.map((part) => part.toLowerCase()).filter((part) => !part.startsWith("expires=")));
}

describe.each(SETTINGS)("cookies for $label", (setting) => {
  const secure = setting.secure ? "; Secure" : "";

  it("follow one rule for Secure, and Auth.js follows it too", () => {
    use(setting);
    expect(usesSecureCookies()).toBe(setting.secure);
    expect(createAuthConfig().useSecureCookies).toBe(setting.secure);
  });

  it("names every Auth.js cookie `__Host-` over https (never `__Secure-`), plain over http", () => {
    use(setting);
    const cookies = createAuthConfig().cookies ?? {};
    const names = Object.values(cookies).map((cookie) => cookie?.name);
    if (!setting.secure) {
      expect(names).toEqual([]);
      return;
    }
    expect(names).toHaveLength(7);
    expect(names).toContain("__Host-authjs.session-token");
    expect(names).toContain("__Host-authjs.pkce.code_verifier");
    expect(names.every((name) => name?.startsWith("__Host-authjs."))).toBe(true);
  });

  it.each(COOKIES)(
    "$cookie: prefix, HttpOnly, SameSite, Path, Max-Age, Secure",
    ({ base, prefix, set, expected }) => {
      use(setting);
      const name = setting.secure ? `${prefix}${base}` : base;
      const cookie = set();
      expect(cookie.name).toBe(name);
      // Max-Age is whole seconds until an instant, so a clock tick may make 60 into 59.
      const maxAge = expected.maxAge === 60 ? "(59|60)" : String(expected.maxAge);
      expect(serializeCookie(cookie)).toMatch(
        new RegExp(
          `^${escaped(name)}=${expected.value}; Path=${expected.path}; Max-Age=${maxAge}; HttpOnly; SameSite=${expected.sameSite}${secure}$`,
        ),
      );
    },
  );

  it.each(COOKIES.filter((entry) => entry.clear))(
    "$cookie: the clear form has the same name and attributes, empty and expired",
    ({ base, prefix, clear, expected }) => {
      use(setting);
      const name = setting.secure ? `${prefix}${base}` : base;
      expect(serializeCookie(clear!())).toBe(
        `${name}=; Path=${expected.path}; Max-Age=0; HttpOnly; SameSite=${expected.sameSite}${secure}`,
      );
    },
  );

  it("names each mode's cookies as the readers look for them", () => {
    use(setting);
    const [host, secureOnly] = setting.secure ? ["__Host-", "__Secure-"] : ["", ""];
    expect(sessionCookieName()).toBe(`${host}authlab-session`);
    expect(jwtCookieNames()).toEqual({
      access: `${host}authlab-jwt`,
      refresh: `${secureOnly}authlab-jwt-refresh`,
    });
    // Auth.js's session cookie, pinned to this origin with `__Host-` over https like the others.
    expect(oauthSessionCookieName()).toBe(`${host}authjs.session-token`);
    expect(linkIntentCookieName()).toBe(`${host}authlab.oauth-link`);
  });

  it("are written alike by Next's cookie stores (server actions, proxy) and by hand", () => {
    use(setting);
    const cookies: Cookie[] = [...COOKIES.map((entry) => entry.set()), ...clearedJwtCookies()];
    for (const cookie of cookies) {
      const response = NextResponse.next();
      setCookies(response.cookies, cookie);
      const written = response.headers.get("set-cookie")!;
      expect(written.split(";")[0]).toBe(serializeCookie(cookie).split(";")[0]);
      expect(attributesOf(written)).toEqual(attributesOf(serializeCookie(cookie)));
    }
  });
});

describe("cookie values", () => {
  it("are URI-encoded, so a value can never add an attribute", () => {
    expect(serializeCookie(sessionCookieWith("a; Domain=evil.example", 60))).toMatch(
      /^authlab-session=a%3B%20Domain%3Devil\.example; Path=\//,
    );
  });
});
