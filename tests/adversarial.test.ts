// The adversarial suite (issue 10): hundreds of malformed inputs against every route handler and
// every server action, each checked for no 5xx, the documented 4xx in the one JSON error shape,
// nothing secret in the answer, and no row of any table changed (tests/adversarial/harness.ts).
// It runs on a database of its own, so the whole-database snapshot sees only its own requests.
import "@/tests/support/next-runtime";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { useIsolatedDatabase } from "@/tests/support/isolated-database";
import { type Fixtures, signedInEverywhere } from "@/tests/adversarial/fixtures";
import {
  casesExecuted,
  checkNothingChanged,
  corsAnswers,
  expectAnswer,
  outcomeOf,
} from "@/tests/adversarial/harness";
import { rawRequest } from "@/tests/adversarial/payloads";
import { CRON_SECRET, ROUTE_CASES } from "@/tests/adversarial/routes";
import { ACTION_CASES, type ActionCase } from "@/tests/adversarial/actions";
import { isFormAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms";
import { runServerAction } from "@/tests/support/server-action";
import { TEST_PASSWORD } from "@/tests/support/test-data";

type Handler = (request: Request, context?: unknown) => Promise<Response>;

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Files under app/ that `keep` says are route handlers or server-action modules. */
function appFiles(dir: string, keep: (name: string, path: string) => boolean): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return appFiles(path, keep);
      return keep(name, path) ? [relative(process.cwd(), path)] : [];
    })
    .sort();
}

const appDir = join(process.cwd(), "app");
const files = appFiles(appDir, (name) => name === "route.ts");
const actionFiles = appFiles(
  appDir,
  (name, path) => /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(path, "utf8")),
);
const count = (table: Record<string, unknown[]>) =>
  Object.values(table).reduce((sum, cases) => sum + cases.length, 0);
const total = count(ROUTE_CASES) + count(ACTION_CASES);

let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  dropDatabase = await useIsolatedDatabase("adversarial");
  vi.stubEnv("CRON_SECRET", CRON_SECRET);
  resetEnvForTests();
});

afterAll(async () => {
  await dropDatabase();
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe(`adversarial suite: ${total} malformed inputs, no 5xx, no row changed`, () => {
  it("has hostile inputs for every route file under app/ (a new route must add its own)", () => {
    const missing = files.filter((file) => !(file in ROUTE_CASES));
    expect(missing, `route files without adversarial cases: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(ROUTE_CASES).filter((file) => !files.includes(file));
    expect(stale, `cases for route files that no longer exist: ${stale.join(", ")}`).toEqual([]);
    for (const file of files) expect(ROUTE_CASES[file]!.length, file).toBeGreaterThanOrEqual(8);
  });

  for (const file of files) {
    const cases = ROUTE_CASES[file] ?? [];
    describe(`${file} (${cases.length} cases)`, () => {
      let fx: Fixtures;
      beforeAll(async () => {
        fx = await signedInEverywhere();
      });

      it.each(cases.map((c) => [`${c.method} ${c.name}`, c] as const))("%s", async (_name, routeCase) => {
        const exported = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<
          string,
          Handler
        >;
        const handler = exported[routeCase.method];
        expect(handler, `${file} exports ${routeCase.method}`).toBeTypeOf("function");
        const request = rawRequest({ method: routeCase.method, ...routeCase.request(fx) });
        const context = routeCase.params ? { params: Promise.resolve(routeCase.params(fx)) } : undefined;
        const outcome = await checkNothingChanged(async () => outcomeOf(await handler!(request, context)));
        expectAnswer(outcome, routeCase.expect);
      });
    });
  }

  it("has hostile inputs for every exported server action (a new action must add its own)", async () => {
    const exported: string[] = [];
    for (const file of actionFiles) {
      const actions = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, unknown>;
      for (const name of Object.keys(actions)) {
        expect(isFormAction(actions[name]), `${file}#${name}`).toBe(true);
        exported.push(`${file}#${name}`);
      }
    }
    expect(exported.length).toBeGreaterThanOrEqual(13);
    const missing = exported.filter((key) => !(key in ACTION_CASES));
    expect(missing, `actions without adversarial cases: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(ACTION_CASES).filter((key) => !exported.includes(key));
    expect(stale, `cases for actions that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  for (const [key, cases] of Object.entries(ACTION_CASES)) {
    describe(`${key} (${cases.length} cases)`, () => {
      let fx: Fixtures;
      beforeAll(async () => {
        fx = await signedInEverywhere();
      });

      it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, actionCase: ActionCase) => {
        const [file = "", name = ""] = key.split("#");
        const action = (
          (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, Action>
        )[name]!;
        const formData = new FormData();
        for (const [field, value] of actionCase.form(fx)) formData.append(field, value);
        // The headers Next's server hands an action: the browser's, plus its x-forwarded-*.
        const headers = new Headers(
          rawRequest({
            path: "/",
            headers: [
              ["cookie", actionCase.cookie?.(fx) || null],
              ["x-forwarded-host", "localhost:3000"],
              ["x-forwarded-proto", "http"],
            ],
          }).headers,
        );
        // An exception here would be the error page: every hostile post must be answered.
        const outcome = await checkNothingChanged(() =>
          runServerAction(action, formData, { pathname: "/", headers }),
        );
        const expected = actionCase.expect;
        const text = JSON.stringify(outcome);
        expect(text).not.toContain(TEST_PASSWORD);
        expect(text).not.toContain(fx.seal);
        if ("redirect" in expected) {
          expect(outcome.kind === "redirect" ? outcome.location : JSON.stringify(outcome)).toMatch(
            expected.redirect,
          );
          return;
        }
        expect(outcome.kind, JSON.stringify(outcome).slice(0, 300)).toBe("state");
        if (outcome.kind !== "state") return;
        // Echoed fields never include a password (STYLE.md: only safe fields are kept).
        expect(Object.keys(outcome.state.fields ?? {}).filter((field) => /password/i.test(field))).toEqual(
          [],
        );
        expect(outcome.state.tone).not.toBe("success");
        if ("errorsOn" in expected) {
          for (const field of expected.errorsOn)
            expect(outcome.state.errors?.[field]?.length, field).toBeGreaterThan(0);
        } else {
          expect(outcome.state.message).toMatch(expected.message);
        }
      });
    });
  }

  it("notices a changed row (the check itself can fail)", async () => {
    const { db } = await import("@/lib/db");
    const user = await db.user.findFirstOrThrow();
    await expect(
      checkNothingChanged(() => db.user.update({ where: { id: user.id }, data: { name: "changed" } })),
    ).rejects.toThrow(/a row changed/);
  });

  it("reads ＠ and other NFKC compatibility forms as the same account, never a second one", async () => {
    const { POST } = await import("@/app/api/jwt/token/route");
    const { db } = await import("@/lib/db");
    const user = await db.user.findFirstOrThrow({ where: { password: { isNot: null } } });
    const [local = "", domain = ""] = user.email.split("@");
    for (const lookAlike of [
      `${local}＠${domain}`,
      `${local}﹫${domain}`,
      `${local.toUpperCase()}＠${domain}`,
    ]) {
      const response = await POST(
        rawRequest({
          path: "/api/jwt/token",
          headers: [["content-type", "application/json"]],
          body: JSON.stringify({ email: lookAlike, password: TEST_PASSWORD }),
        }),
      );
      expect(response.status, lookAlike).toBe(200);
      const { access_token: token } = (await response.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sub: string };
      expect(claims.sub).toBe(user.id);
    }
    expect(await db.user.count({ where: { email: { contains: "＠" } } })).toBe(0);
  });

  it("answered every hostile request without a CORS header, so no other origin can read an answer", () => {
    expect(casesExecuted()).toBeGreaterThan(0);
    expect(corsAnswers()).toEqual([]);
  });

  it(`ran all ${total} cases (at least 300)`, () => {
    expect(casesExecuted()).toBe(total);
    expect(total).toBeGreaterThanOrEqual(300);
  });
});
