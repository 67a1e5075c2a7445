import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { HttpError } from "@/lib/http/errors";
import { isRouteHandler, route } from "@/lib/http/route";
import { jsonRequest } from "@/tests/support/http";
import { withoutDatabase } from "@/tests/support/no-database";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

const appDir = join(process.cwd(), "app");
const files = routeFiles(appDir).map((path) => relative(process.cwd(), path));

describe("every route handler goes through the one wrapper", () => {
  it("finds the route files", () => {
    expect(files).toContain("app/api/me/route.ts");
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)("%s exports only wrapped handlers", async (file) => {
    const exported = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, unknown>;
    const handlers = METHODS.filter((method) => method in exported);
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) expect(isRouteHandler(exported[method]), `${file} ${method}`).toBe(true);
  });
});

describe("the wrapper's answers", () => {
  it("answers an unknown /api path with a JSON 404 for every method", async () => {
    const exported = await import("@/app/api/[...path]/route");
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const response = await exported[method](
        jsonRequest("/api/session/sessions/a%2Fb/revoke", { method }),
        undefined,
      );
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: "There is no API endpoint at this path." },
      });
    }
  });

  it("turns an HttpError into its status, code and headers", async () => {
    const handler = route("test", async () => {
      throw new HttpError(409, "conflict", "Already done.", { "X-Extra": "1" });
    });
    const response = await handler(jsonRequest("/api/x"));
    expect(response.status).toBe(409);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await response.json()).toEqual({ error: { code: "conflict", message: "Already done." } });
  });

  it("answers an unexpected error with a JSON 500 carrying only a request id", async () => {
    const secret = "SELECT * FROM users WHERE token = 'tok_live_abc123'";
    const handler = route("test", async () => {
      throw new Error(secret);
    });
    const response = await handler(jsonRequest("/api/x"));
    const text = await response.text();
    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("server_error");
    expect(body.error.message).toContain(requestId);
    expect(text).not.toContain("SELECT");
    expect(text).not.toContain("tok_live");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it("gives a real route a JSON 500, not Next's HTML page, when its store misbehaves", async () => {
    const { POST } = await import("@/app/api/session/sign-in/route");
    const { result } = await withoutDatabase(() =>
      POST(jsonRequest("/api/session/sign-in", { body: { email: "a@example.test", password: "x" } })),
    );
    expect(result.status).toBe(500);
    const text = await result.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "server_error" } });
    expect(text).not.toContain("database touched");
  });

  it("refuses a cross-site request to a same-origin route with 403 before the handler runs", async () => {
    let ran = false;
    const handler = route(
      "test",
      async () => {
        ran = true;
        return new Response(null, { status: 204 });
      },
      { sameOrigin: true },
    );
    const response = await handler(
      jsonRequest("/api/x", { body: {}, headers: { origin: "https://evil.example" } }),
    );
    expect(response.status).toBe(403);
    expect(ran).toBe(false);
  });

  it("answers a store outage with 503 and Retry-After", async () => {
    const handler = route("test", async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const response = await handler(jsonRequest("/api/x"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "temporarily_unavailable",
    );
  });

  it("answers a navigation route's unexpected error with an HTML 500 carrying only a request id", async () => {
    const handler = route(
      "test",
      async () => {
        throw new Error("SELECT * FROM users WHERE token = 'tok_live_abc123'");
      },
      { navigation: true },
    );
    const response = await handler(jsonRequest("/api/x?next=%2Fjwt"));
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const html = await response.text();
    expect(html).toContain("<h1>Something went wrong</h1>");
    expect(html).toContain(requestId);
    expect(html).toContain('<a href="/api/x?next=%2Fjwt">Try again</a>');
    expect(html).not.toContain("SELECT");
    expect(html).not.toContain("tok_live");
  });
});
