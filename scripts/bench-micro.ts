// `npm run bench:micro`: each mode's check in-process, next to the primitives it rests on (one
// iron unseal, one jose verify, one indexed read through the driver, one SHA-256 / HMAC), and
// the store read through the ORM, `$queryRaw` and the driver side by side. On a fresh SQLite
// file (and on BENCH_DATABASE_URL when it is PostgreSQL). Writes bench/results/micro-latest.*.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { machine, replaceDocsBlock, writeFormatted } from "./bench/report";
import { fmt, percentile } from "./bench/stats";
import { migrateDatabase } from "./lib/migrate";
import { root } from "./lib/prisma-cli";
import { runScript } from "./lib/run";
import { MICRO_CHECKS, microTasks, type MicroResult, seedMicro } from "./bench/micro-tasks";

const TIME_MS = Number(process.env.BENCH_MICRO_TIME ?? 300);
const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? 3);

async function measure(name: string, databaseUrl: string): Promise<MicroResult[]> {
  const secret = () => randomBytes(32).toString("base64url");
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: secret(),
    JWT_KEYS_SECRET: secret(),
    AUTH_SECRET: secret(),
    LOG_LEVEL: "error",
    APP_URL: "http://localhost:3000",
    // The API key reader's own limit stays on (its counter is part of what it costs), above the load.
    API_KEY_RATE_LIMIT: "1000000",
  });
  const { resetEnvForTests } = await import("../lib/env");
  resetEnvForTests();
  if (!migrateDatabase({ quiet: true })) throw new Error("bench:micro: migration failed");
  const { disconnectDatabase } = await import("../lib/db");
  try {
    const seeded = await seedMicro();
    const groups = microTasks(seeded);
    const samples = new Map<
      string,
      { group: string; p50: number[]; mean: number[]; p99: number[]; n: number }
    >();
    // Every group, round after round: a check and its primitives are measured close in time, and
    // the best round's median is kept (on a shared machine, noise only ever adds time).
    for (let round = 1; round <= ROUNDS; round++) {
      for (const group of groups) {
        process.stdout.write(`bench:micro: ${name}: round ${round}/${ROUNDS}: ${group.title}…\n`);
        await group.before?.();
        const bench = new Bench({ time: TIME_MS, warmupTime: 100 });
        for (const task of group.tasks) bench.add(task.name, task.run);
        await bench.run();
        await group.after?.();
        for (const task of bench.tasks) {
          const result = task.result;
          if (result.state !== "completed") throw new Error(`bench:micro: ${task.name} ${result.state}`);
          const entry = samples.get(task.name) ?? { group: group.title, p50: [], mean: [], p99: [], n: 0 };
          entry.p50.push(result.latency.p50 * 1000);
          entry.mean.push(result.latency.mean * 1000);
          entry.p99.push(result.latency.p99 * 1000);
          entry.n += result.latency.samplesCount;
          samples.set(task.name, entry);
        }
      }
    }
    const results: MicroResult[] = [...samples].map(([task, entry]) => ({
      name: task,
      group: entry.group,
      p50Us: Math.min(...entry.p50),
      meanUs: Math.min(...entry.mean),
      p99Us: percentile(entry.p99, 50),
      samples: entry.n,
    }));
    return results;
  } finally {
    await disconnectDatabase();
  }
}

function render(name: string, results: MicroResult[], markdown: boolean): string[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  const lines = [markdown ? `### ${name}` : `== ${name}`, ""];
  const row = (cells: string[]) =>
    markdown
      ? `| ${cells.join(" | ")} |`
      : `${cells[0]!.padEnd(52)}${cells
          .slice(1)
          .map((c) => c.padStart(11))
          .join("")}`;
  lines.push(row(["operation", "p50 µs", "mean µs", "p99 µs"]));
  if (markdown) lines.push("| --- | ---: | ---: | ---: |");
  for (const r of results) lines.push(row([r.name, fmt(r.p50Us, 1), fmt(r.meanUs, 1), fmt(r.p99Us, 1)]));
  lines.push(
    "",
    markdown
      ? "| check | its primitives | check p50 µs | primitives p50 µs | ratio |"
      : "check vs the primitives it rests on (p50; target ≤ 2×):",
  );
  if (markdown) lines.push("| --- | --- | ---: | ---: | ---: |");
  for (const check of MICRO_CHECKS) {
    const measured = byName.get(check.task);
    const floor = check.primitives.reduce((sum, p) => sum + (byName.get(p)?.p50Us ?? Number.NaN), 0);
    if (!measured) continue;
    const ratio = measured.p50Us / floor;
    lines.push(
      markdown
        ? `| ${check.task} | ${check.primitives.join(" + ")} | ${fmt(measured.p50Us, 1)} | ${fmt(floor, 1)} | ${fmt(ratio, 2)}× |`
        : `  ${check.task}: ${fmt(measured.p50Us, 1)} µs vs ${fmt(floor, 1)} µs (${check.primitives.join(" + ")}) = ${fmt(ratio, 2)}×`,
    );
  }
  return [...lines, ""];
}

async function main(): Promise<number> {
  const started = Date.now();
  const file = join(tmpdir(), `authlab-micro-${process.pid}-${randomUUID()}.db`);
  const configurations: [string, string][] = [["SQLite", `file:${file}`]];
  const postgres = process.env.BENCH_DATABASE_URL;
  if (postgres?.startsWith("postgres")) configurations.push(["PostgreSQL", postgres]);
  const report: {
    startedAt: string;
    machine: ReturnType<typeof machine>;
    configurations: { name: string; results: MicroResult[] }[];
  } = {
    startedAt: new Date().toISOString(),
    machine: machine(),
    configurations: [],
  };
  try {
    for (const [name, url] of configurations)
      report.configurations.push({ name, results: await measure(name, url) });
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  const m = report.machine;
  const heading = `${report.startedAt} · ${m.cpu}, ${m.cores} cores, ${m.os}, Node ${m.node} · tinybench, ${ROUNDS} rounds of ${TIME_MS} ms per task; p50 and mean: the best round, p99: the median round`;
  const text = [heading, "", ...report.configurations.flatMap((c) => render(c.name, c.results, false))].join(
    "\n",
  );
  const markdown = [
    `_${heading}_`,
    "",
    ...report.configurations.flatMap((c) => render(c.name, c.results, true)),
  ].join("\n");
  const directory = process.env.BENCH_RESULTS_DIR ?? join(root, "bench", "results");
  if (!process.env.BENCH_RESULTS_DIR)
    replaceDocsBlock(join(root, "docs", "benchmarks.md"), "micro", markdown);
  mkdirSync(directory, { recursive: true });
  await writeFormatted(join(directory, "micro-latest.json"), JSON.stringify(report, null, 2));
  await writeFormatted(join(directory, "micro-latest.md"), markdown);
  process.stdout.write(
    `\n${text}\nbench:micro: done in ${Math.round((Date.now() - started) / 1000)} s; results in ${directory}/micro-latest.{json,md}\n`,
  );
  return 0;
}

runScript(main);
