// Runs one hostile input and checks what every one of them must satisfy: no 5xx, the expected
// answer, the one JSON error shape for API errors, nothing secret in what comes back, no change
// to any row of any table, and no pollution of Object.prototype.
import { expect } from "vitest";
import { databaseSnapshot } from "@/tests/support/db-snapshot";

/** What the caller must see: a status, and for JSON errors the code (or one of several). */
export type Expected = {
  status: number;
  code?: string | readonly string[];
  /** Auth.js answers its own errors (redirects to its error page), not authlab's JSON shape. */
  shape?: "json" | "any";
  /** For a redirect: where it may go. */
  location?: RegExp;
};

export type Outcome = { status: number; body: string; headers: Headers; contentType: string };

/** Values that must never appear in a response: credentials the fixtures hold, and secrets. */
const secrets = new Set<string>();

export function neverReveal(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 8) secrets.add(value);
}

let executed = 0;
const cors: string[] = [];

/** Answers that carried an Access-Control-* header (ASVS 3.4.2: authlab enables no CORS). */
export function corsAnswers(): string[] {
  return cors;
}

/** How many hostile inputs have been checked in this file so far. */
export function casesExecuted(): number {
  return executed;
}

function expectNoLeak(text: string): void {
  for (const secret of secrets) {
    expect(text.includes(secret), "a credential or secret is in the response").toBe(false);
    expect(text.includes(encodeURIComponent(secret)), "an encoded credential is in the response").toBe(false);
  }
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/prisma|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|SQLITE_|postgres(ql)?:\/\//i);
}

function expectCleanPrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristinePrototype);
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).admin).toBeUndefined();
}

const pristinePrototype = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * Snapshot, run, snapshot: every table's rows must be the same afterwards. `run` returns the
 * answer (a route handler's Response, or a server action's outcome turned into one).
 */
export async function checkNothingChanged<T>(run: () => Promise<T>): Promise<T> {
  const before = await databaseSnapshot();
  const result = await run();
  expect(await databaseSnapshot(), "a row changed").toEqual(before);
  expectCleanPrototype();
  executed += 1;
  return result;
}

/** Reads a Response once, for the checks below and for the case's own extra assertions. */
export async function outcomeOf(response: Response): Promise<Outcome> {
  return {
    status: response.status,
    body: await response.text(),
    headers: response.headers,
    contentType: response.headers.get("content-type") ?? "",
  };
}

export function expectAnswer(outcome: Outcome, expected: Expected): void {
  expect(outcome.status, outcome.body.slice(0, 300)).toBeLessThan(500);
  expect(outcome.status, outcome.body.slice(0, 300)).toBe(expected.status);
  expectNoLeak(outcome.body);
  for (const [name, value] of outcome.headers) {
    expectNoLeak(value);
    if (name.startsWith("access-control-")) cors.push(`${name}: ${value}`);
  }
  if (expected.location) expect(outcome.headers.get("location")).toMatch(expected.location);
  if (outcome.status < 400 || expected.shape === "any") return;
  // docs/http.md: every error is `{ error: { code, message } }`, JSON, never stored.
  expect(outcome.contentType).toContain("application/json");
  expect(outcome.headers.get("cache-control")).toContain("no-store");
  const body = JSON.parse(outcome.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
  expect(body.error.message).toEqual(expect.any(String));
  if (expected.code !== undefined) {
    const codes = typeof expected.code === "string" ? [expected.code] : expected.code;
    expect(codes).toContain(body.error.code);
  }
}
