// Hostile form posts for every server action under app/, keyed by `file#export`. The suite fails
// on an exported action with no entry here. Actions answer with their form state (field errors
// or a message) or a redirect, never an exception (which would be the error page).
import type { Fixtures } from "./fixtures";
import { BAD_EMAILS, latin1 } from "./payloads";

export type FieldValue = string | File;
/** The form's fields in order; a name may repeat. */
export type Form = [string, FieldValue][];

export type ActionExpectation = { errorsOn: string[] } | { message: RegExp } | { redirect: RegExp };

export type ActionCase = {
  name: string;
  form: (fx: Fixtures) => Form;
  /** The Cookie header the browser sends (none when omitted). */
  cookie?: (fx: Fixtures) => string;
  expect: ActionExpectation;
};

const PASSWORD = "correct horse battery staple";
const file = (content = "x") => new File([content], "field.txt", { type: "text/plain" });

/** Values for a string field that no form accepts as a real value. */
const BAD_STRINGS: [string, () => FieldValue][] = [
  ["a file", () => file("ada@example.test")],
  ["NUL", () => "\u0000"],
  ["control characters", () => "\u0001\u0002\u001b[31m"],
  ["a lone surrogate", () => "\ud800"],
  ["100 kB", () => "a".repeat(100 * 1024)],
  ["__proto__", () => "__proto__"],
];

const signedIn = (fx: Fixtures) => fx.cookies.session;

function credentialForm(fx: Fixtures, email: FieldValue, password: FieldValue = PASSWORD): Form {
  void fx;
  return [
    ["email", email],
    ["password", password],
    ["next", "//evil.example"],
  ];
}

function signInCases(): ActionCase[] {
  return [
    ...BAD_EMAILS.map(([label, email]) => ({
      name: `email: ${label}`,
      form: (fx: Fixtures) => credentialForm(fx, email),
      expect: { errorsOn: ["email"] },
    })),
    ...BAD_STRINGS.filter(([label]) => label !== "100 kB" && label !== "__proto__").map(([label, value]) => ({
      name: `email: ${label}`,
      form: (fx: Fixtures) => credentialForm(fx, value()),
      expect: { errorsOn: ["email"] },
    })),
    {
      name: "no fields at all",
      form: () => [],
      expect: { errorsOn: ["email", "password"] },
    },
    {
      name: "password: a file",
      form: (fx) => credentialForm(fx, "ada@example.test", file(PASSWORD)),
      expect: { errorsOn: ["password"] },
    },
    {
      name: "password: 513 characters",
      form: (fx) => credentialForm(fx, "ada@example.test", "p".repeat(513)),
      expect: { errorsOn: ["password"] },
    },
    {
      name: "email twice, the first one bad",
      form: () => [
        ["email", "not-an-email"],
        ["email", "ada@example.test"],
        ["password", PASSWORD],
      ],
      expect: { errorsOn: ["email"] },
    },
    {
      name: "__proto__ and constructor fields",
      form: () => [
        ["__proto__", "polluted"],
        ["constructor", "polluted"],
        ["password", PASSWORD],
      ],
      expect: { errorsOn: ["email"] },
    },
  ];
}

function signUpCases(): ActionCase[] {
  const form = (name: FieldValue, email: FieldValue, password: FieldValue): Form => [
    ["name", name],
    ["email", email],
    ["password", password],
    ["via", "session"],
  ];
  return [
    ...BAD_EMAILS.map(([label, email]) => ({
      name: `email: ${label}`,
      form: () => form("Ada", email, "a fresh passphrase"),
      expect: { errorsOn: ["email"] },
    })),
    ...[
      ["name: 101 characters", () => form("n".repeat(101), "new@example.test", "a fresh passphrase"), "name"],
      ["name: NUL", () => form("Ada\u0000Lovelace", "new@example.test", "a fresh passphrase"), "name"],
      [
        "name: control characters",
        () => form("Ada\u001b[2J\u0007", "new@example.test", "a fresh passphrase"),
        "name",
      ],
      // (A lone surrogate cannot reach an action: form encoding makes it U+FFFD.)
      ["name: 100 kB", () => form("n".repeat(100 * 1024), "new@example.test", "a fresh passphrase"), "name"],
      ["password: too short", () => form("Ada", "new@example.test", "short"), "password"],
      ["password: 129 characters", () => form("Ada", "new@example.test", "p".repeat(129)), "password"],
      ["password: common", () => form("Ada", "new@example.test", "password123"), "password"],
      ["password: a file", () => form("Ada", "new@example.test", file("a fresh passphrase")), "password"],
      ["password: missing", () => form("Ada", "new@example.test", ""), "password"],
      ["email: a file", () => form("Ada", file("new@example.test"), "a fresh passphrase"), "email"],
      [
        "email: non-ASCII bytes read as Latin-1",
        () => form("Ada", latin1("adä@example.test"), "a fresh passphrase"),
        "email",
      ],
    ].map(([name, build, field]) => ({
      name: name as string,
      form: build as () => Form,
      expect: { errorsOn: [field as string] },
    })),
  ];
}

const UNAVAILABLE_PROVIDER = /not available/;

/** Provider names that match no enabled provider. */
const BAD_PROVIDERS: [string, () => FieldValue | undefined][] = [
  ["missing", () => undefined],
  ["empty", () => ""],
  ["unknown", () => "nope"],
  ["__proto__", () => "__proto__"],
  ["constructor", () => "constructor"],
  ["toString", () => "toString"],
  ["33 characters", () => "d".repeat(33)],
  ["a file", () => file("demo")],
  ["NUL after a real id", () => "demo\u0000"],
  ["upper case", () => "DEMO"],
  ["fullwidth", () => "ｄｅｍｏ"],
];

function providerForm(value: FieldValue | undefined, extra: Form = []): Form {
  return [...(value === undefined ? [] : ([["provider", value]] as Form)), ...extra];
}

/** Credential ids that name nothing the signed-in user owns. */
function idCases(field: string, message: RegExp): ActionCase[] {
  const ids: [string, (fx: Fixtures) => FieldValue][] = [
    ["missing", () => ""],
    ["upper case", () => "ABC"],
    ["65 characters", () => "a".repeat(65)],
    ["path traversal", () => "../x"],
    ["NUL", () => "abc\u0000"],
    ["__proto__", () => "__proto__"],
    ["a file", () => file("abc")],
    ["SQL", () => "1 OR 1=1"],
    ["another user's session id", (fx) => fx.otherSessionId],
  ];
  return ids.map(([label, id]) => ({
    name: `${field}: ${label}`,
    form: (fx) => [[field, id(fx)]],
    cookie: signedIn,
    expect: { message },
  }));
}

/** Browsers that hold no valid credential: the action must send them to sign in, changing nothing. */
function signedOutCases(signIn: RegExp, form: Form = []): ActionCase[] {
  const cookies: [string, (fx: Fixtures) => string | undefined][] = [
    ["no cookie", () => undefined],
    ["garbage session cookie", (fx) => `${fx.names.session}=Fe26.2**garbage`],
    ["session seal under __host-", (fx) => `__host-${fx.names.session}=${fx.seal}`],
    ["garbage access cookie", (fx) => `${fx.names.access}=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`],
    ["unknown Auth.js session", (fx) => `${fx.names.oauth}=00000000-0000-4000-8000-000000000000`],
  ];
  return cookies.map(([label, cookie]) => ({
    name: `signed out: ${label}`,
    form: () => form,
    cookie: (fx: Fixtures) => cookie(fx) ?? "",
    expect: { redirect: signIn },
  }));
}

const SESSION_SIGN_IN = /^\/session\/sign-in\?next=/;

/** A new API key's form with one field replaced (the session fixture's sign-in is recent). */
function apiKeyForm(replace: Record<string, FieldValue | FieldValue[]>): Form {
  const fields: Record<string, FieldValue | FieldValue[]> = {
    name: "deploy script",
    scopes: ["read:profile"],
    expiry: "30",
    ...replace,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((one): [string, FieldValue] => [name, one]),
  );
}

function apiKeyCases(): ActionCase[] {
  const bad: [string, Record<string, FieldValue | FieldValue[]>, string][] = [
    // A form carries text as USVString: a lone surrogate arrives as U+FFFD, a real character.
    ...BAD_STRINGS.filter(([label]) => label !== "__proto__" && label !== "a lone surrogate").map(
      ([label, value]): [string, Record<string, FieldValue | FieldValue[]>, string] => [
        `name: ${label}`,
        { name: value() },
        "name",
      ],
    ),
    ["name: blank", { name: "   " }, "name"],
    ["name: 65 characters", { name: "n".repeat(65) }, "name"],
    ["scopes: none", { scopes: [] }, "scopes"],
    ["scopes: unknown", { scopes: ["admin"] }, "scopes"],
    ["scopes: one known, one unknown", { scopes: ["read:profile", "write:everything"] }, "scopes"],
    ["scopes: __proto__", { scopes: ["__proto__"] }, "scopes"],
    ["scopes: a file", { scopes: [file("read:profile")] }, "scopes"],
    ["scopes: upper case", { scopes: ["READ:PROFILE"] }, "scopes"],
    ["expiry: missing", { expiry: "" }, "expiry"],
    ["expiry: zero days", { expiry: "0" }, "expiry"],
    ["expiry: negative", { expiry: "-1" }, "expiry"],
    ["expiry: a century", { expiry: "36500" }, "expiry"],
    ["expiry: exponent", { expiry: "1e9" }, "expiry"],
    ["expiry: a file", { expiry: file("30") }, "expiry"],
  ];
  return bad.map(([name, replace, field]) => ({
    name,
    form: () => apiKeyForm(replace),
    cookie: signedIn,
    expect: { errorsOn: [field] },
  }));
}
const OAUTH_SIGN_IN = /^\/oauth\/sign-in\?next=/;

export const ACTION_CASES: Record<string, ActionCase[]> = {
  "app/(auth)/jwt/actions.ts#signOutAction": signedOutCases(/^\/jwt\/sign-in$/),
  "app/(auth)/jwt/sign-in/actions.ts#signInAction": signInCases(),
  "app/(auth)/session/sign-in/actions.ts#signInAction": signInCases(),
  "app/(auth)/session/sign-up/actions.ts#signUpAction": signUpCases(),
  "app/(auth)/oauth/sign-in/actions.ts#signInWithProvider": BAD_PROVIDERS.map(([label, value]) => ({
    name: `provider: ${label}`,
    form: () => providerForm(value(), [["next", "//evil.example"]]),
    expect: { message: UNAVAILABLE_PROVIDER },
  })),
  "app/(auth)/oauth/signed-in/actions.ts#signOutOfOAuth": signedOutCases(
    /^(http:\/\/localhost:3000)?\/oauth\/sign-in\?signedOut=1$/,
  ),
  "app/account/connections/actions.ts#linkProvider": [
    ...BAD_PROVIDERS.map(([label, value]) => ({
      name: `provider: ${label}`,
      form: () => providerForm(value()),
      cookie: signedIn,
      expect: { message: UNAVAILABLE_PROVIDER },
    })),
    ...signedOutCases(OAUTH_SIGN_IN, [["provider", "demo"]]),
  ],
  "app/account/connections/actions.ts#unlinkProvider": [
    ...BAD_PROVIDERS.map(([label, value]) => ({
      name: `provider: ${label}`,
      form: () => providerForm(value()),
      cookie: signedIn,
      expect: { message: /not linked|Choose a provider/ },
    })),
    ...signedOutCases(OAUTH_SIGN_IN, [["provider", "demo"]]),
  ],
  "app/account/password/actions.ts#changePasswordAction": [
    ...[
      ["no fields", [], "currentPassword"],
      [
        "current password: a file",
        [
          ["currentPassword", file(PASSWORD)],
          ["newPassword", "a fresh passphrase"],
          ["confirmPassword", "a fresh passphrase"],
        ],
        "currentPassword",
      ],
      [
        "new password: NUL only",
        [
          ["currentPassword", PASSWORD],
          ["newPassword", "\u0000"],
          ["confirmPassword", "\u0000"],
        ],
        "newPassword",
      ],
      [
        "new password: 100 kB",
        [
          ["currentPassword", PASSWORD],
          ["newPassword", "p".repeat(100 * 1024)],
          ["confirmPassword", "p".repeat(100 * 1024)],
        ],
        "newPassword",
      ],
      [
        "confirmation differs",
        [
          ["currentPassword", PASSWORD],
          ["newPassword", "a fresh passphrase"],
          ["confirmPassword", "a fresh passphrasf"],
        ],
        "confirmPassword",
      ],
      [
        "new equals current",
        [
          ["currentPassword", PASSWORD],
          ["newPassword", PASSWORD],
          ["confirmPassword", PASSWORD],
        ],
        "newPassword",
      ],
      [
        "current password: 513 characters",
        [
          ["currentPassword", "p".repeat(513)],
          ["newPassword", "a fresh passphrase"],
          ["confirmPassword", "a fresh passphrase"],
        ],
        "currentPassword",
      ],
      [
        "new password twice, the first common",
        [
          ["currentPassword", PASSWORD],
          ["newPassword", "password123"],
          ["newPassword", "a fresh passphrase"],
          ["confirmPassword", "password123"],
        ],
        "newPassword",
      ],
    ].map(([name, form, field]) => ({
      name: name as string,
      form: () => form as Form,
      cookie: signedIn,
      expect: { errorsOn: [field as string] },
    })),
    ...signedOutCases(SESSION_SIGN_IN, [["currentPassword", PASSWORD]]),
  ],
  "app/account/sessions/actions.ts#revokeSessionAction": [
    ...idCases("sessionId", /no longer exists/),
    ...signedOutCases(SESSION_SIGN_IN, [["sessionId", "abc"]]),
  ],
  "app/account/sessions/actions.ts#revokeTokenFamilyAction": [
    ...idCases("familyId", /no longer exists/),
    ...signedOutCases(SESSION_SIGN_IN, [["familyId", "abc"]]),
  ],
  "app/account/sessions/actions.ts#revokeOAuthSessionAction": [
    ...idCases("oauthSessionId", /no longer exists/),
    ...signedOutCases(SESSION_SIGN_IN, [["oauthSessionId", "abc"]]),
  ],
  "app/account/sessions/actions.ts#signOutEverywhereAction": signedOutCases(SESSION_SIGN_IN),
  "app/account/api-keys/actions.ts#createApiKeyAction": [
    ...apiKeyCases(),
    ...signedOutCases(SESSION_SIGN_IN, apiKeyForm({})),
  ],
  "app/account/api-keys/actions.ts#revokeApiKeyAction": [
    ...idCases("keyId", /no longer exists/),
    ...signedOutCases(SESSION_SIGN_IN, [["keyId", "abc"]]),
  ],
};
