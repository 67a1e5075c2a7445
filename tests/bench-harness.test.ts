import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInterleaved } from "@/scripts/bench/load";
import { type BenchReport, machine, renderText, withRatios, writeReport } from "@/scripts/bench/report";
import { runSignInBench } from "@/scripts/bench/sign-in";
import type { SignInContext } from "@/scripts/bench/targets";

// A smoke test of `npm run bench`'s harness, kept to a second or two: the real thing builds the
// app and runs for minutes, so here autocannon drives a tiny in-process server instead. It
// proves the harness measures (interleaved rounds, ratios, sign-in and enumeration samples),
// refuses to report a target whose credential is refused, and writes its results; it asserts
// no timing. That the app's own bench endpoints accept each mode's credential is proven in
// tests/bench-endpoint.test.ts.

const RIGHT = { email: "bench@example.test", password: "right password" };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const ok = (status: number) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ user: { id: "1", email: RIGHT.email } }));
      };
      if (request.url === "/bare") return ok(200);
      if (request.url === "/protected") return ok(request.headers.authorization === "Bearer ok" ? 200 : 401);
      if (request.url === "/api/session/sign-in") {
        const input = JSON.parse(body || "{}") as { email?: string; password?: string };
        return ok(input.email === RIGHT.email && input.password === RIGHT.password ? 200 : 401);
      }
      ok(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const quick = { durationSeconds: 0.25, connections: 2, rounds: 2, warmupSeconds: 0 };
const lines: string[] = [];
const progress = (line: string) => void lines.push(line);

describe("the bench harness", () => {
  it("measures every target in interleaved rounds and writes the report", async () => {
    const results = await runInterleaved(
      baseUrl,
      [
        { name: "bare", label: "bare", path: "/bare", headers: {} },
        {
          name: "protected",
          label: "protected",
          path: "/protected",
          headers: { authorization: "Bearer ok" },
        },
      ],
      quick,
      progress,
    );
    expect(results.map((r) => [r.name, r.rounds.length])).toEqual([
      ["bare", 2],
      ["protected", 2],
    ]);
    for (const result of results) {
      expect(result.rps).toBeGreaterThan(0);
      expect(result.rounds.every((round) => round.non2xx === 0 && round.requests > 0)).toBe(true);
    }
    // Round 1 measures both targets before round 2 starts.
    const order = lines
      .filter((line) => line.startsWith("round") && line.endsWith("…") && !line.includes(" requests…"))
      .map((line) => line.slice(0, 20));
    expect(order).toEqual([
      "round 1/2 · 1/2 bare",
      "round 1/2 · 2/2 prot",
      "round 2/2 · 1/2 bare",
      "round 2/2 · 2/2 prot",
    ]);

    const targets = withRatios(results);
    expect(targets[0]!.ratio).toBe(1);
    const report: BenchReport = {
      startedAt: new Date().toISOString(),
      seconds: 1,
      machine: machine(),
      settings: { ...quick, argon2: "m=1 t=1 p=1", threadpool: "default" },
      configurations: [{ name: "stub", targets, signIn: null }],
    };
    expect(renderText(report)).toMatch(/protected\s+[\d,]+\s+[\d.]+\s+[\d.]+\s+\d+ %/);

    const directory = mkdtempSync(join(tmpdir(), "authlab-bench-smoke-"));
    try {
      const docs = join(directory, "benchmarks.md");
      writeFileSync(docs, "before\n<!-- bench:latest:start -->\nold\n<!-- bench:latest:end -->\nafter\n");
      await writeReport(report, directory, docs);
      await writeReport(report, directory, docs);
      expect(JSON.parse(readFileSync(join(directory, "latest.json"), "utf8"))).toMatchObject({
        configurations: [{ name: "stub", targets: [{ name: "bare", ratio: 1 }, { name: "protected" }] }],
      });
      expect(readFileSync(join(directory, "history.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
      expect(readFileSync(join(directory, "latest.svg"), "utf8")).toMatch(
        /^<svg[^>]*>[\s\S]*protected[\s\S]*<\/svg>/,
      );
      const updated = readFileSync(docs, "utf8");
      expect(updated).toMatch(
        /^before\n+<!-- bench:latest:start -->[\s\S]*\| protected\s+\|[\s\S]*<!-- bench:latest:end -->\n+after\n$/,
      );
      expect(updated).not.toContain("old");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("stops rather than report a target whose credential is refused", async () => {
    await expect(
      runInterleaved(
        baseUrl,
        [{ name: "protected", label: "protected", path: "/protected", headers: {} }],
        quick,
        progress,
      ),
    ).rejects.toThrow(/protected answered \d+ non-2xx/);
  });

  it("times sign-ins beside the protected endpoint, and each kind of sign-in apart", async () => {
    const context = { baseUrl, user: { id: "1", ...RIGHT }, signInEmails: [RIGHT.email] } as SignInContext;
    const report = await runSignInBench(
      context,
      { label: "protected", url: `${baseUrl}/protected`, headers: { authorization: "Bearer ok" } },
      { durationSeconds: 0.25, concurrentSignIns: 4, enumerationSamples: 3 },
      progress,
    );
    expect(report.signInsPerSecond).toBeGreaterThan(0);
    expect(report.protected.idleP99).toBeGreaterThanOrEqual(0);
    expect(Object.values(report.enumeration).map((d) => d.n)).toEqual([3, 3, 3]);
  });
});
