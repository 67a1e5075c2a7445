// Hostile inputs for every route handler under app/, keyed by its file. The suite fails on a
// route file with no entry here, so a new route cannot ship without its own hostile inputs.
import type { Expected } from "./harness";
import type { Fixtures } from "./fixtures";
import { BAD_EMAILS, latin1, malformedBodies, NOT_A_STRING, rawRequest, type RawRequest } from "./payloads";

export type RouteCase = {
  name: string;
  method: string;
  request: (fx: Fixtures) => RawRequest;
  /** Route params for a dynamic segment. */
  params?: (fx: Fixtures) => Record<string, string | string[]>;
  expect: Expected;
};

export { rawRequest };

const PASSWORD = "correct horse battery staple";
const JSON_HEADERS: [string, string][] = [["content-type", "application/json"]];

type Fields = Record<string, unknown>;
const jsonBody = (path: string, body: Fields, headers: [string, string | null][] = []): RawRequest => ({
  path,
  headers: [...JSON_HEADERS, ...headers],
  body: JSON.stringify(body),
});

/** The malformed bodies, sent with whatever cookie the route needs to reach its body reader. */
function bodyCases(path: string, valid: Fields, cookie?: (fx: Fixtures) => string): RouteCase[] {
  return malformedBodies(valid).map((bad) => ({
    name: `body: ${bad.name}`,
    method: "POST",
    request: (fx) => ({
      path,
      headers: [
        ["content-type", bad.contentType],
        ...(cookie ? [["cookie", cookie(fx)] as [string, string]] : []),
      ],
      body: bad.body,
    }),
    expect: bad.expect,
  }));
}

/** A field given each non-string value, with the other fields valid. */
function typeCases(
  path: string,
  valid: Fields,
  field: string,
  expect: Expected,
  cookie?: (fx: Fixtures) => string,
) {
  return NOT_A_STRING.map(([label, value]) => ({
    name: `${field}: ${label}`,
    method: "POST",
    request: (fx: Fixtures) =>
      jsonBody(path, { ...valid, [field]: value }, cookie ? [["cookie", cookie(fx)]] : []),
    expect,
  }));
}

const invalidRequest: Expected = { status: 400, code: "invalid_request" };
/** Auth.js's own error answer: back to its sign-in or error page on this origin. */
const AUTHJS_ERROR: Expected = {
  status: 302,
  location: /^(http:\/\/localhost:3000)?\/oauth\/(error|sign-in)\?error=/,
};

/** Field-level cases for the two email + password sign-ins (session JSON API and JWT token). */
function credentialCases(path: string): RouteCase[] {
  const valid = { email: "ada@example.test", password: PASSWORD };
  const post = (name: string, body: Fields): RouteCase => ({
    name,
    method: "POST",
    request: () => jsonBody(path, body),
    expect: invalidRequest,
  });
  return [
    ...bodyCases(path, valid),
    ...typeCases(path, valid, "email", invalidRequest),
    ...typeCases(path, valid, "password", invalidRequest),
    ...BAD_EMAILS.map(([label, email]) => post(`email: ${label}`, { ...valid, email })),
    post("missing everything", {}),
    post("missing password", { email: valid.email }),
    post("missing email", { password: PASSWORD }),
    post("empty password", { ...valid, password: "" }),
    post("password over 512 characters", { ...valid, password: "x".repeat(513) }),
    post("extra fields, no email", { password: PASSWORD, role: "admin", isAdmin: true, userId: "x" }),
    post("__proto__ carrying the fields", { ["__proto__"]: valid }),
    post("constructor.prototype carrying the fields", { constructor: { prototype: valid } }),
    {
      name: "__proto__ key written raw",
      method: "POST",
      request: () => ({
        path,
        headers: JSON_HEADERS,
        body: `{"__proto__":{"admin":true,"email":"ada@example.test","password":"${PASSWORD}"}}`,
      }),
      expect: invalidRequest,
    },
    post("email as a nested __proto__ object", { ...valid, email: JSON.parse('{"__proto__":{"x":1}}') }),
  ];
}

/** Cookie headers that carry no usable credential of the mode under test. */
function cookieVariants(fx: Fixtures, mode: "session" | "access" | "refresh" | "oauth"): [string, string][] {
  const name = fx.names[mode];
  const value = { session: fx.seal, access: fx.access, refresh: fx.refresh, oauth: fx.oauthToken }[mode];
  const flipped = value.slice(0, 20) + (value[20] === "A" ? "B" : "A") + value.slice(21);
  return [
    ["garbage value", `${name}=garbage`],
    ["sealed-looking garbage", `${name}=Fe26.2**${"A".repeat(64)}*${"B".repeat(43)}~`],
    ["JWT-looking garbage (alg none)", `${name}=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`],
    ["one character changed", `${name}=${flipped}`],
    ["truncated", `${name}=${value.slice(0, Math.floor(value.length / 2))}`],
    ["empty value", `${name}=`],
    ["undecodable percent escapes", `${name}=%ZZ%E0%A4%A`],
    ["8 kB value", `${name}=${"x".repeat(8 * 1024)}`],
    ["non-ASCII bytes", `${name}=${latin1("ключ-€")}`],
    ["control characters", `${name}=\u0001\u0002\u001f`],
    ["the real value under __Host-", `__Host-${name}=${value}`],
    ["the real value under __host- (lower case)", `__host-${name}=${value}`],
    ["the real value under __Secure-", `__Secure-${name}=${value}`],
    ["the real value, name upper-cased", `${name.toUpperCase()}=${value}`],
    ["the real value, dashes as underscores", `${name.replaceAll("-", "_").replaceAll(".", "_")}=${value}`],
    ["garbage first, the real value second", `${name}=garbage; ${name}=${value}`],
    ["__Host- twice with garbage", `__Host-${name}=a; __Host-${name}=b`],
    ["200 other cookies", Array.from({ length: 200 }, (_, i) => `c${i}=${i}`).join("; ")],
    ["a 60 kB cookie header", `pad=${"p".repeat(60 * 1024)}`],
  ];
}

function cookieCases(
  mode: "session" | "access" | "refresh" | "oauth",
  method: string,
  path: string,
  expect: Expected,
  body?: string,
): RouteCase[] {
  // The names and values are read from fixtures made later: build the list once per fixture.
  return Array.from({ length: COOKIE_VARIANTS }, (_, index) => ({
    name: `${mode} cookie #${index + 1}`,
    method,
    request: (fx: Fixtures) => {
      const [, cookie] = cookieVariants(fx, mode)[index]!;
      return {
        path,
        method,
        headers: [["cookie", cookie], ...(body === undefined ? [] : JSON_HEADERS)],
        body,
      };
    },
    expect,
  }));
}
const COOKIE_VARIANTS = 19;

/** Authorization headers that carry no valid bearer token. */
function authorizationVariants(fx: Fixtures): [string, [string, string][]][] {
  const token = fx.access;
  const [header = "", payload = ""] = token.split(".");
  return [
    ["Bearer and nothing", [["authorization", "Bearer"]]],
    [
      "Bearer with spaces inside the token",
      [["authorization", `Bearer ${token.slice(0, 10)} ${token.slice(10)}`]],
    ],
    [
      "two Authorization headers",
      [
        ["authorization", `Bearer ${token}`],
        ["authorization", `Bearer ${token}`],
      ],
    ],
    ["two tokens in one header", [["authorization", `Bearer ${token} ${token}`]]],
    ["non-ASCII bytes", [["authorization", `Bearer ${latin1("токен€")}`]]],
    ["quoted token", [["authorization", `Bearer "${token}"`]]],
    ["alg none token", [["authorization", `Bearer ${header}.${payload}.`]]],
    ["header and payload only", [["authorization", `Bearer ${header}.${payload}`]]],
    ["signature cut short", [["authorization", `Bearer ${token.slice(0, -4)}`]]],
    ["the refresh token", [["authorization", `Bearer ${fx.refresh}`]]],
    ["the session seal", [["authorization", `Bearer ${fx.seal}`]]],
    ["20 kB token", [["authorization", `Bearer ${"a".repeat(20 * 1024)}`]]],
    ["dots only", [["authorization", "Bearer ....."]]],
    ["control characters", [["authorization", "Bearer \u0001\u0002"]]],
  ];
}
const AUTHORIZATION_VARIANTS = 14;

function authorizationCases(method: string, path: string, expect: Expected): RouteCase[] {
  return Array.from({ length: AUTHORIZATION_VARIANTS }, (_, index) => ({
    name: `Authorization #${index + 1}`,
    method,
    request: (fx: Fixtures) => ({ path, method, headers: authorizationVariants(fx)[index]![1] }),
    expect,
  }));
}

/** Query strings a GET route ignores or refuses, never fails on. */
const QUERIES: [string, string][] = [
  ["undecodable escape", "?a=%ZZ"],
  ["__proto__ key", "?__proto__[admin]=1&__proto__.polluted=1"],
  ["constructor.prototype key", "?constructor[prototype][polluted]=1"],
  ["NUL", "?%00=%00"],
  ["8 kB value", `?x=${"a".repeat(8 * 1024)}`],
  ["a key repeated", "?a=1&a=2&a=3&a=4"],
  ["truncated UTF-8", "?x=%E0%A4%A"],
  ["overlong UTF-8", "?x=%C0%AF%C0%AE"],
  ["separators only", "?;;;&&&==="],
  ["next to another site", "?next=//evil.example"],
];

function queryCases(
  path: string,
  expect: Expected,
  headers: (fx: Fixtures) => [string, string][] = () => [],
) {
  return QUERIES.map(([label, query]) => ({
    name: `query: ${label}`,
    method: "GET",
    request: (fx: Fixtures) => ({ path: `${path}${query}`, headers: headers(fx) }),
    expect,
  }));
}

/** API keys that are not keys: in `X-API-Key` and as a Bearer token, never a 5xx. */
const BAD_API_KEYS: [string, string][] = [
  ["empty", ""],
  ["prefix only", "ak_"],
  ["no secret", "ak_abcdefgh_"],
  ["too short", "ak_a_b"],
  ["well formed, unknown", `ak_${"a".repeat(12)}_${"b".repeat(43)}`],
  ["4 kB", `ak_${"x".repeat(4096)}`],
  ["underscores only", "ak______"],
  ["SQL in the prefix", "ak_' OR 1=1 --_secret"],
  ["Latin-1 bytes", latin1("ak_é_ü")],
];

function apiKeyHeaderCases(path: string): RouteCase[] {
  return BAD_API_KEYS.flatMap(([label, key]) => [
    {
      name: `X-API-Key: ${label}`,
      method: "GET",
      request: () => ({ path, headers: [["x-api-key", key]] as [string, string][] }),
      expect: { status: 401, code: ["invalid_token", "unauthorized"] },
    },
    {
      name: `Bearer API key: ${label}`,
      method: "GET",
      request: () => ({ path, headers: [["authorization", `Bearer ${key}`]] as [string, string][] }),
      expect: { status: 401, code: ["invalid_token", "unauthorized"] },
    },
  ]);
}

const unauthenticated: Expected = { status: 401, code: "unauthenticated" };
const session = (fx: Fixtures) => fx.cookies.session;

/** Revoke ids that name no session of the caller. */
const BAD_IDS: [string, (fx: Fixtures) => string][] = [
  ["empty", () => ""],
  ["path traversal", () => "../../sign-out"],
  ["encoded slash", () => "a%2Fb"],
  ["upper case", () => "ABC"],
  ["65 characters", () => "a".repeat(65)],
  ["NUL", () => "abc\u0000"],
  ["__proto__", () => "__proto__"],
  ["constructor", () => "constructor"],
  ["non-ASCII", () => "séssion"],
  ["SQL", () => "1 OR 1=1"],
  ["another user's session", (fx) => fx.otherSessionId],
];

export const ROUTE_CASES: Record<string, RouteCase[]> = {
  "app/.well-known/jwks.json/route.ts": queryCases("/.well-known/jwks.json", { status: 200 }),

  "app/api/[...path]/route.ts": [
    ...["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].flatMap((method) =>
      [
        ["traversal", ["..", "..", "etc", "passwd"]],
        ["__proto__", ["__proto__", "polluted"]],
        ["constructor", ["constructor", "prototype"]],
        ["NUL", ["\u0000"]],
        ["fullwidth", ["ｍｅ"]],
      ].map(([label, segments]) => ({
        name: `${method} unknown path: ${label as string}`,
        method,
        request: () => ({
          method,
          path: `/api/${(segments as string[]).map(encodeURIComponent).join("/")}`,
          headers: method === "GET" ? [] : JSON_HEADERS,
          body: method === "GET" ? undefined : "{",
        }),
        params: () => ({ path: segments as string[] }),
        expect: { status: 404, code: "not_found" },
      })),
    ),
  ],

  // Auth.js answers its own errors: a redirect to its error or sign-in page, or a 400.
  "app/api/auth/[...nextauth]/route.ts": [
    ...cookieCases("oauth", "GET", "/api/auth/session", { status: 200 }),
    ...queryCases("/api/auth/providers", { status: 200 }),
    ...(
      [
        ["unknown action", "GET", "/api/auth/whatever", undefined, { status: 400, shape: "any" }],
        ["sign-in with an unknown provider", "GET", "/api/auth/signin/nope", undefined, AUTHJS_ERROR],
        [
          "callback of an unknown provider",
          "GET",
          "/api/auth/callback/nope?code=x&state=y",
          undefined,
          AUTHJS_ERROR,
        ],
        [
          "callback with no state cookie",
          "GET",
          "/api/auth/callback/demo?code=x&state=y",
          undefined,
          AUTHJS_ERROR,
        ],
        [
          "callback with a provider error and markup",
          "GET",
          "/api/auth/callback/demo?error=access_denied&error_description=%3Cscript%3E",
          undefined,
          AUTHJS_ERROR,
        ],
        [
          "callback with __proto__ parameters",
          "GET",
          "/api/auth/callback/demo?__proto__[polluted]=1&code=x",
          undefined,
          AUTHJS_ERROR,
        ],
        [
          "sign-in POST without the CSRF token, next to another site",
          "POST",
          "/api/auth/signin/demo",
          "csrfToken=x&callbackUrl=%2F%2Fevil.example",
          AUTHJS_ERROR,
        ],
        [
          "sign-in POST with __proto__ fields",
          "POST",
          "/api/auth/signin/demo",
          "__proto__[polluted]=1&constructor[prototype][polluted]=1",
          AUTHJS_ERROR,
        ],
        [
          "sign-out POST without the CSRF token (the row stays)",
          "POST",
          "/api/auth/signout",
          "csrfToken=x",
          AUTHJS_ERROR,
        ],
        ["sign-out POST with an empty body (the row stays)", "POST", "/api/auth/signout", "", AUTHJS_ERROR],
        [
          "credentials callback with broken JSON",
          "POST",
          "/api/auth/callback/credentials",
          "{",
          { status: 400, shape: "any" },
        ],
        [
          "session update with a polluting body",
          "POST",
          "/api/auth/session",
          '{"data":{"__proto__":{"polluted":1}}}',
          { status: 400, shape: "any" },
        ],
      ] as [string, string, string, string | undefined, Expected][]
    ).map(([name, method, path, body, expect]) => ({
      name,
      method,
      request: (fx: Fixtures) => ({
        method,
        path,
        headers: [
          ["cookie", fx.cookies.oauth],
          ...(body === undefined
            ? []
            : [
                [
                  "content-type",
                  body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded",
                ],
              ]),
        ] as [string, string][],
        body,
      }),
      params: () => ({ nextauth: path.split("?")[0]!.split("/").slice(3) }),
      expect,
    })),
  ],

  "app/api/cron/purge/route.ts": [
    ...authorizationCases("GET", "/api/cron/purge", { status: 401, code: "unauthorized" }),
    {
      name: "the cron secret with the scheme lower-cased and a suffix",
      method: "GET",
      request: () => ({ path: "/api/cron/purge", headers: [["authorization", `bearer ${CRON_SECRET}x`]] }),
      expect: { status: 401, code: "unauthorized" },
    },
    {
      name: "Basic with the cron secret",
      method: "GET",
      request: () => ({
        path: "/api/cron/purge",
        headers: [["authorization", `Basic ${Buffer.from(`cron:${CRON_SECRET}`).toString("base64")}`]],
      }),
      expect: { status: 401, code: "unauthorized" },
    },
  ],

  "app/api/dashboard/state/route.ts": [
    ...cookieCases("session", "GET", "/api/dashboard/state", { status: 200 }),
    ...cookieCases("access", "GET", "/api/dashboard/state", { status: 200 }),
    ...cookieCases("oauth", "GET", "/api/dashboard/state", { status: 200 }),
    ...queryCases("/api/dashboard/state", { status: 200 }),
  ],

  "app/api/health/route.ts": queryCases("/api/health", { status: 200 }),

  "app/api/jwt/refresh/route.ts": [
    ...bodyCases("/api/jwt/refresh", { refresh_token: "x".repeat(43) }),
    ...typeCases("/api/jwt/refresh", {}, "refresh_token", invalidRequest),
    ...[
      ["empty refresh_token", { refresh_token: "" }, invalidRequest],
      ["257-character refresh_token", { refresh_token: "r".repeat(257) }, invalidRequest],
      ["unknown refresh_token", { refresh_token: "x".repeat(43) }, { status: 400, code: "invalid_grant" }],
      ["refresh_token with NUL", { refresh_token: "abc\u0000def" }, { status: 400, code: "invalid_grant" }],
      ["the access token as refresh_token", "access", { status: 400, code: "invalid_grant" }],
      ["no token and no cookie", {}, invalidRequest],
      ["__proto__ carrying refresh_token", { ["__proto__"]: { refresh_token: "x" } }, invalidRequest],
    ].map(([name, body, expect]) => ({
      name: name as string,
      method: "POST",
      request: (fx: Fixtures) =>
        jsonBody(
          "/api/jwt/refresh",
          body === "access" ? { refresh_token: fx.access.slice(0, 256) } : (body as Fields),
        ),
      expect: expect as Expected,
    })),
    ...cookieCases(
      "refresh",
      "POST",
      "/api/jwt/refresh",
      { status: 400, code: ["invalid_grant", "invalid_request"] },
      "{}",
    ),
    ...cookieCases("refresh", "GET", "/api/jwt/refresh?next=%2Fjwt", { status: 303, location: /^\/jwt$/ }),
    ...queryCases("/api/jwt/refresh", { status: 303, location: /^\/(?![/\\])/ }),
  ],

  "app/api/jwt/revoke/route.ts": [
    ...bodyCases("/api/jwt/revoke", { token: "x".repeat(43) }),
    ...typeCases("/api/jwt/revoke", {}, "token", invalidRequest),
    ...[
      ["missing token", {}, invalidRequest],
      ["empty token", { token: "" }, invalidRequest],
      ["token over 16 kB", { token: "t".repeat(16 * 1024 + 1) }, { status: 413, code: "payload_too_large" }],
      ["unknown token_type_hint", { token: "x", token_type_hint: "id_token" }, invalidRequest],
      ["token_type_hint not a string", { token: "x", token_type_hint: ["refresh_token"] }, invalidRequest],
      ["unknown token (RFC 7009: 200)", { token: "x".repeat(43) }, { status: 200 }],
      ["token with control characters (200)", { token: "\u0000\u0001\r\n" }, { status: 200 }],
      ["alg none JWT (200)", { token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." }, { status: 200 }],
      ["a real token with a bad hint", "real", invalidRequest],
    ].map(([name, body, expect]) => ({
      name: name as string,
      method: "POST",
      request: (fx: Fixtures) =>
        jsonBody(
          "/api/jwt/revoke",
          body === "real" ? { token: fx.refresh, token_type_hint: "everything" } : (body as Fields),
        ),
      expect: expect as Expected,
    })),
    ...[
      ["form: empty token", "token="],
      ["form: no token", "token_type_hint=refresh_token"],
      ["form: bad hint", "token=x&token_type_hint=other"],
    ].map(([name, body]) => ({
      name: name!,
      method: "POST",
      request: () => ({
        path: "/api/jwt/revoke",
        headers: [["content-type", "application/x-www-form-urlencoded"]] as [string, string][],
        body,
      }),
      expect: invalidRequest,
    })),
  ],

  "app/api/jwt/token/route.ts": credentialCases("/api/jwt/token"),

  // The lab's run route creates a user: everything hostile is refused before anything is counted
  // or written (the slug is checked before the rate limit, the rate limit before the sign-up).
  "app/api/lab/run/route.ts": [
    ...bodyCases("/api/lab/run", { slug: "size" }),
    ...typeCases("/api/lab/run", {}, "slug", invalidRequest),
    ...(
      [
        ["missing slug", {}],
        ["empty slug", { slug: "" }],
        ["unknown slug", { slug: "placeholder" }],
        ["slug upper-cased", { slug: "SIZE" }],
        ["slug with a path", { slug: "../size" }],
        ["slug with a NUL", { slug: "size\u0000" }],
        ["slug with a trailing space", { slug: "size " }],
        ["__proto__ as the slug", { slug: "__proto__" }],
        ["constructor as the slug", { slug: "constructor" }],
        ["a 10 kB slug", { slug: "s".repeat(10 * 1024) }],
        ["__proto__ carrying the slug", { ["__proto__"]: { slug: "size" } }],
      ] as [string, Fields][]
    ).map(([name, body]) => ({
      name,
      method: "POST",
      request: () => jsonBody("/api/lab/run", body),
      expect: invalidRequest,
    })),
    {
      name: "another origin",
      method: "POST",
      request: () => jsonBody("/api/lab/run", { slug: "size" }, [["origin", "http://evil.example"]]),
      expect: { status: 403, code: "cross_origin" },
    },
    {
      name: "no Origin, a cross-site fetch",
      method: "POST",
      request: () =>
        jsonBody("/api/lab/run", { slug: "size" }, [
          ["origin", null],
          ["sec-fetch-site", "cross-site"],
        ]),
      expect: { status: 403, code: "cross_origin" },
    },
    {
      name: "a cross-site form post",
      method: "POST",
      request: () => ({
        path: "/api/lab/run",
        headers: [
          ["content-type", "application/x-www-form-urlencoded"],
          ["origin", "http://evil.example"],
        ],
        body: "slug=size",
      }),
      expect: { status: 403, code: "cross_origin" },
    },
  ],

  "app/api/me/route.ts": [
    ...authorizationCases("GET", "/api/me", { status: 401, code: ["invalid_token", "unauthorized"] }),
    ...apiKeyHeaderCases("/api/me"),
    ...cookieCases("access", "GET", "/api/me", { status: 401, code: ["invalid_token", "unauthorized"] }),
    ...cookieCases("session", "GET", "/api/me", { status: 401, code: "unauthorized" }),
    ...queryCases("/api/me", { status: 401, code: "unauthorized" }),
  ],

  "app/api/me/sessions/route.ts": [
    ...authorizationCases("GET", "/api/me/sessions", {
      status: 401,
      code: ["invalid_token", "unauthorized"],
    }),
    ...cookieCases("access", "GET", "/api/me/sessions", {
      status: 401,
      code: ["invalid_token", "unauthorized"],
    }),
    ...cookieCases("session", "GET", "/api/me/sessions", { status: 401, code: "unauthorized" }),
    ...queryCases("/api/me/sessions", { status: 401, code: "unauthorized" }),
    ...apiKeyHeaderCases("/api/me/sessions"),
  ],

  "app/api/session/password/route.ts": [
    ...bodyCases(
      "/api/session/password",
      { currentPassword: PASSWORD, newPassword: "x", confirmPassword: "x" },
      session,
    ),
    ...typeCases(
      "/api/session/password",
      { currentPassword: PASSWORD },
      "newPassword",
      invalidRequest,
      session,
    ),
    ...typeCases(
      "/api/session/password",
      { newPassword: "a fresh passphrase" },
      "currentPassword",
      invalidRequest,
      session,
    ),
    ...[
      ["missing everything", {}],
      [
        "new password too short",
        { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" },
      ],
      [
        "confirmation differs",
        {
          currentPassword: PASSWORD,
          newPassword: "a fresh passphrase",
          confirmPassword: "a fresh passphrasf",
        },
      ],
      ["new equals current", { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }],
      [
        "new password over 128 code points",
        { currentPassword: PASSWORD, newPassword: "p".repeat(129), confirmPassword: "p".repeat(129) },
      ],
      [
        "common password",
        { currentPassword: PASSWORD, newPassword: "password123", confirmPassword: "password123" },
      ],
      [
        "__proto__ carrying the fields",
        {
          ["__proto__"]: {
            currentPassword: PASSWORD,
            newPassword: "a fresh passphrase",
            confirmPassword: "a fresh passphrase",
          },
        },
      ],
    ].map(([name, body]) => ({
      name: name as string,
      method: "POST",
      request: (fx: Fixtures) =>
        jsonBody("/api/session/password", body as Fields, [["cookie", fx.cookies.session]]),
      expect: invalidRequest,
    })),
    ...cookieCases(
      "session",
      "POST",
      "/api/session/password",
      unauthenticated,
      JSON.stringify({ currentPassword: PASSWORD }),
    ),
    {
      name: "form post (CSRF shape)",
      method: "POST",
      request: (fx) => ({
        path: "/api/session/password",
        headers: [
          ["cookie", fx.cookies.session],
          ["content-type", "application/x-www-form-urlencoded"],
        ],
        body: "currentPassword=x&newPassword=y",
      }),
      expect: { status: 415, code: "unsupported_media_type" },
    },
    {
      name: "cross-site origin",
      method: "POST",
      request: (fx) =>
        jsonBody("/api/session/password", { currentPassword: PASSWORD }, [
          ["cookie", fx.cookies.session],
          ["origin", "https://evil.example"],
        ]),
      expect: { status: 403, code: "cross_origin" },
    },
  ],

  "app/api/session/route.ts": [
    ...cookieCases("session", "GET", "/api/session", unauthenticated),
    ...queryCases("/api/session", unauthenticated),
  ],

  "app/api/session/sessions/[id]/revoke/route.ts": [
    ...BAD_IDS.map(([label, id]) => ({
      name: `id: ${label}`,
      method: "POST",
      request: (fx: Fixtures) => ({
        path: `/api/session/sessions/${encodeURIComponent(id(fx))}/revoke`,
        method: "POST",
        headers: [["cookie", fx.cookies.session]] as [string, string][],
      }),
      params: (fx: Fixtures) => ({ id: id(fx) }),
      expect: { status: 404, code: "not_found" },
    })),
    ...cookieCases("session", "POST", "/api/session/sessions/x/revoke", unauthenticated).map((c) => ({
      ...c,
      params: (fx: Fixtures) => ({ id: fx.sessionId }),
    })),
  ],

  "app/api/session/sign-in/route.ts": credentialCases("/api/session/sign-in"),

  "app/api/session/sign-out-everywhere/route.ts": [
    ...cookieCases("session", "POST", "/api/session/sign-out-everywhere", unauthenticated),
    ...authorizationCases("POST", "/api/session/sign-out-everywhere", unauthenticated),
  ],

  "app/api/session/sign-out/route.ts": [
    // Signing out a browser that holds nothing valid is a no-op that still clears the cookie.
    ...cookieCases("session", "POST", "/api/session/sign-out", { status: 200 }),
    ...cookieCases("oauth", "POST", "/api/session/sign-out", { status: 200 }),
    {
      name: "cross-site origin with the real cookies",
      method: "POST",
      request: (fx) => ({
        path: "/api/session/sign-out",
        headers: [
          ["cookie", `${fx.cookies.session}; ${fx.cookies.oauth}`],
          ["origin", "null"],
        ],
      }),
      expect: { status: 403, code: "cross_origin" },
    },
  ],
};

/** The cron job's secret while its cases run (without one the route is a 404). */
export const CRON_SECRET = "adversarial-cron-secret-0123456789abcdefghijklmnop";
