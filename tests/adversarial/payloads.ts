// Hostile inputs, as data: bodies, cookies, Authorization headers, query strings and strings that
// belong in fields. Each carries the answer the route must give (docs/http.md).
import { NextRequest } from "next/server";
import { clientIp, ORIGIN } from "@/tests/support/http";
import type { Expected } from "./harness";

export type RawRequest = {
  method?: string;
  path: string;
  /** Pairs, so a header can be sent twice; null removes a default. */
  headers?: [string, string | null][];
  body?: string | Uint8Array<ArrayBuffer>;
};

/**
 * A request as the app's own page would send it, with whatever the case changes; a NextRequest,
 * as Next hands every route handler.
 */
export function rawRequest({ method, path, headers = [], body }: RawRequest): NextRequest {
  const defaults: [string, string][] = [
    ["host", "localhost:3000"],
    ["origin", ORIGIN],
    ["user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"],
    ...Object.entries(clientIp()),
  ];
  const overridden = new Set(headers.map(([name]) => name.toLowerCase()));
  const list = new Headers(defaults.filter(([name]) => !overridden.has(name)));
  for (const [name, value] of headers) if (value !== null) list.append(name, value);
  return new NextRequest(`${ORIGIN}${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: list,
    body,
  });
}

/** The bytes a client sends for UTF-8 text, as Node hands raw header bytes to the app (latin1). */
export function latin1(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

export type BodyCase = {
  name: string;
  contentType: string | null;
  body: string | Uint8Array<ArrayBuffer>;
  expect: Expected;
};

const JSON_TYPE = "application/json";
const unsupported: Expected = { status: 415, code: "unsupported_media_type" };
const tooLarge: Expected = { status: 413, code: "payload_too_large" };
const invalidJson: Expected = { status: 400, code: "invalid_json" };
const invalidRequest: Expected = { status: 400, code: "invalid_request" };

/**
 * Bodies no JSON route of this app accepts, whatever its fields: the media type, the size, the
 * syntax, or a top-level value that is not an object.
 */
export function malformedBodies(valid: Record<string, unknown>): BodyCase[] {
  const json = JSON.stringify(valid);
  return [
    { name: "text/plain", contentType: "text/plain", body: json, expect: unsupported },
    { name: "no content type", contentType: null, body: json, expect: unsupported },
    {
      name: "multipart/form-data",
      contentType: "multipart/form-data; boundary=x",
      body: "--x--",
      expect: unsupported,
    },
    { name: "application/xml", contentType: "application/xml", body: "<a/>", expect: unsupported },
    { name: "application/jsonp", contentType: "application/jsonp", body: json, expect: unsupported },
    { name: "json-patch+json", contentType: "application/json-patch+json", body: json, expect: unsupported },
    {
      name: "1 MB body",
      contentType: JSON_TYPE,
      body: `{"pad":"${"a".repeat(1024 * 1024)}"}`,
      expect: tooLarge,
    },
    {
      name: "100 kB email",
      contentType: JSON_TYPE,
      body: JSON.stringify({ ...valid, email: `${"a".repeat(100 * 1024)}@example.test` }),
      expect: tooLarge,
    },
    {
      name: "17 kB of whitespace",
      contentType: JSON_TYPE,
      body: " ".repeat(17 * 1024) + "{}",
      expect: tooLarge,
    },
    { name: "unclosed object", contentType: JSON_TYPE, body: "{", expect: invalidJson },
    { name: "single quotes", contentType: JSON_TYPE, body: "{'email':'a'}", expect: invalidJson },
    { name: "trailing comma", contentType: JSON_TYPE, body: '{"email":"a",}', expect: invalidJson },
    { name: "NaN", contentType: JSON_TYPE, body: "NaN", expect: invalidJson },
    { name: "two objects", contentType: JSON_TYPE, body: '{"a":1}{"b":2}', expect: invalidJson },
    { name: "a NUL byte", contentType: JSON_TYPE, body: "\u0000", expect: invalidJson },
    {
      name: "invalid UTF-8 bytes",
      contentType: JSON_TYPE,
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0xc0, 0xaf, 0x7d]),
      expect: invalidJson,
    },
    { name: "JSON null", contentType: JSON_TYPE, body: "null", expect: invalidRequest },
    { name: "JSON array", contentType: JSON_TYPE, body: `[${json}]`, expect: invalidRequest },
    { name: "JSON string", contentType: JSON_TYPE, body: JSON.stringify(json), expect: invalidRequest },
    { name: "JSON number", contentType: JSON_TYPE, body: "42", expect: invalidRequest },
    { name: "JSON true", contentType: JSON_TYPE, body: "true", expect: invalidRequest },
    {
      name: "5000 nested arrays",
      contentType: JSON_TYPE,
      body: "[".repeat(5000) + "]".repeat(5000),
      expect: invalidRequest,
    },
  ];
}

/** Values in the place of a string field: every one fails the route's schema. */
export const NOT_A_STRING: [string, unknown][] = [
  ["a number", 1],
  ["true", true],
  ["null", null],
  ["an empty array", []],
  ["an array of strings", ["ada@example.test"]],
  ["an object", {}],
  ["an operator object", { $ne: null }],
  ["a toString object", { toString: "ada@example.test" }],
];

/**
 * Emails that are not valid addresses once normalised (NFKC, lower-case): control characters,
 * lone surrogates, homoglyphs that NFKC keeps (Cyrillic, Greek), invisible and bidi characters.
 * (`＠` and other compatibility forms NFKC folds to ASCII are the same account: see the
 * "normalised look-alikes" test.)
 */
export const BAD_EMAILS: [string, string][] = [
  ["empty", ""],
  ["spaces", "   "],
  ["no at sign", "ada.example.test"],
  ["no domain", "ada@"],
  ["no local part", "@example.test"],
  ["two at signs", "ada@@example.test"],
  ["NUL", "ada\u0000@example.test"],
  ["CR LF header injection", "ada@example.test\r\nBcc: eve@example.test"],
  ["bell", "ada\u0007@example.test"],
  ["DEL", "ada\u007f@example.test"],
  ["lone high surrogate", "\ud800ada@example.test"],
  ["lone low surrogate", "ada@example.test\udc00"],
  ["Cyrillic a in the local part", "\u0430da@example.test"],
  ["Cyrillic a in the domain", "ada@ex\u0430mple.test"],
  ["Greek omicron in the domain", "ada@examp\u03bfle.test"],
  ["zero-width space", "ada\u200b@example.test"],
  ["right-to-left override", "\u202eada@example.test"],
  ["over 254 characters", `${"a".repeat(250)}@example.test`],
  ["10 kB", `${"a".repeat(10 * 1024)}@example.test`],
  ["markup", "<script>alert(1)</script>@example.test"],
  ["SQL", "' OR 1=1 --@example.test"],
];
