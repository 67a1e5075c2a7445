// Issue 10, item 3: every page and route handler in app/ (walked, so a new one is covered the day
// it lands) answers with the CSP (a fresh nonce each time, no unsafe-inline or unsafe-eval for
// scripts), the baseline headers, and no-store wherever an answer can depend on a credential.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A sample value for each dynamic segment, so the path reaches its handler. */
const SAMPLE_SEGMENT: Record<string, string> = {
  "[id]": "no-such-session",
  "[...path]": "no/such/route",
  "[...nextauth]": "session",
  "[slug]": "size",
};

function entryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return entryFiles(path);
    return name === "page.tsx" || name === "route.ts" ? [path] : [];
  });
}

/** app/(auth)/session/sign-in/page.tsx → /session/sign-in */
function urlPathOf(file: string): string {
  const segments = relative("app", file)
    .split(sep)
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => SAMPLE_SEGMENT[segment] ?? segment);
  return `/${segments.join("/")}`;
}

const paths = [...new Set(entryFiles("app").map(urlPathOf))].sort();
/** Public and the same for everyone: cacheable on purpose (lib/jwt/keys, RFC 7517). */
const PUBLIC_CACHEABLE = ["/.well-known/jwks.json"];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function nonceOf(response: APIResponse): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const scriptSrc = directives(csp).get("script-src") ?? [];
  const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"));
  expect(nonce, `script-src of ${response.url()}: ${csp}`).toBeDefined();
  return nonce!.slice("'nonce-".length, -1);
}

test("the route list covers the app's pages and handlers", () => {
  expect(paths).toContain("/dashboard");
  expect(paths).toContain("/api/jwt/refresh");
  expect(paths).toContain("/.well-known/jwks.json");
  expect(paths.length).toBeGreaterThanOrEqual(25);
});

for (const path of paths) {
  test(`${path} sends the CSP and the security headers`, async ({ request }) => {
    const [first, second] = [
      await request.get(path, { maxRedirects: 0 }),
      await request.get(path, { maxRedirects: 0 }),
    ];
    expect(first.status(), path).toBeLessThan(500);
    const headers = first.headers();
    const csp = directives(headers["content-security-policy"] ?? "");
    const scriptSrc = csp.get("script-src") ?? [];
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")?.[0]).toBe("'self'");
    expect(nonceOf(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    if (!PUBLIC_CACHEABLE.includes(path)) expect(headers["cache-control"], path).toContain("no-store");
    // A page's scripts carry this response's nonce (Next reads it from the request's CSP).
    if (first.status() === 200 && headers["content-type"]?.startsWith("text/html")) {
      expect(await first.text()).toContain(`nonce="${nonceOf(first)}"`);
    }
  });
}

test("form-action admits exactly the configured providers' authorization origins", async ({ request }) => {
  const response = await request.get("/oauth/sign-in");
  const formAction = directives(response.headers()["content-security-policy"] ?? "").get("form-action");
  // The e2e server enables the demo provider and GitHub (at the stub), both on loopback.
  expect(formAction?.slice(1).every((origin) => /^http:\/\/127\.0\.0\.1:\d+$/.test(origin))).toBe(true);
  expect(formAction?.length).toBeGreaterThanOrEqual(2);
});
