// The bench's results: a table on the terminal, JSON and Markdown under bench/results/ (latest
// kept, history appended), an SVG chart, and the latest table copied into docs/benchmarks.md.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import type { TargetResult } from "./load";
import type { SignInReport } from "./sign-in";
import { format, resolveConfig } from "prettier";
import { fmt } from "./stats";
import { renderChart } from "./chart";

/** The check's own cost as the server measured it (Server-Timing medians); null: none sent. */
export type CheckCost = {
  authMs: number;
  dbMs: number;
  queries: number;
  /** Redis round trips (a configuration with REDIS_URL); absent in runs before Redis existed. */
  redisCommands?: number;
  cryptoMs: number;
  cryptoOps: number;
} | null;

export type ConfigurationReport = {
  name: string;
  targets: (TargetResult & { ratio: number; check?: CheckCost })[];
  signIn: SignInReport | null;
};

export type BenchReport = {
  startedAt: string;
  seconds: number;
  /** `load` is the 1-minute load average when the run started: other work on the machine. */
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string; load?: number };
  settings: {
    durationSeconds: number;
    rounds: number;
    connections: number;
    argon2: string;
    threadpool: string;
  };
  configurations: ConfigurationReport[];
};

export function machine(): BenchReport["machine"] {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    load: Math.round(loadavg()[0]! * 10) / 10,
  };
}

/** Each target with its req/s as a share of the bare route's in the same run. */
export function withRatios(targets: TargetResult[]): ConfigurationReport["targets"] {
  const bare = targets.find((target) => target.name === "bare")?.rps ?? Number.NaN;
  return targets.map((target) => ({ ...target, ratio: target.rps / bare }));
}

/** The issue's targets, read off the numbers (never asserted): one line each. */
export function verdicts(configuration: ConfigurationReport): string[] {
  const lines: string[] = [];
  const byName = new Map(configuration.targets.map((target) => [target.name, target]));
  const below = configuration.targets.filter((t) => t.name !== "bare" && t.ratio < 0.9);
  lines.push(
    below.length === 0
      ? "every protected endpoint ≥ 90 % of the bare route: met"
      : `≥ 90 % of the bare route: missed by ${below.map((t) => `${t.label} (${fmt(t.ratio * 100)} %)`).join(", ")}`,
  );
  const authjs = byName.get("authjs");
  for (const name of ["session", "oauth"]) {
    const target = byName.get(name);
    if (!target || !authjs) continue;
    lines.push(
      `${target.label} ${target.rps > authjs.rps ? "cheaper" : "NOT cheaper"} than Auth.js auth(): ${fmt(target.rps)} vs ${fmt(authjs.rps)} req/s`,
    );
  }
  const signIn = configuration.signIn;
  if (signIn) {
    lines.push(
      `p99 during ${signIn.concurrentSignIns} concurrent sign-ins ${signIn.protected.ratioP99 <= 3 ? "≤" : ">"} 3× idle: ${fmt(signIn.protected.ratioP99, 1)}×`,
    );
  }
  return lines;
}

function tables(configuration: ConfigurationReport, markdown: boolean): string[] {
  // A configuration with Redis shows its round trips beside the SQL queries.
  const withRedis = configuration.targets.some((t) => (t.check?.redisCommands ?? 0) > 0);
  const rows = configuration.targets.map((t) => [
    t.label,
    fmt(t.rps),
    fmt(t.p50, 1),
    fmt(t.p99, 1),
    `${fmt(t.ratio * 100)} %`,
    t.check ? fmt(t.check.authMs, 3) : "–",
    t.check ? String(t.check.queries) : "–",
    ...(withRedis ? [t.check ? String(t.check.redisCommands ?? 0) : "–"] : []),
    t.check ? String(t.check.cryptoOps) : "–",
  ]);
  const out = [markdown ? `### ${configuration.name}` : `== ${configuration.name}`, ""];
  const headings = ["endpoint", "req/s", "p50 ms", "p99 ms", "vs bare", "check ms", "queries"];
  out.push(...grid([...headings, ...(withRedis ? ["redis cmds"] : []), "crypto ops"], rows, markdown), "");
  const signIn = configuration.signIn;
  if (signIn) {
    const p = signIn.protected;
    out.push(
      `Sign-ins: ${fmt(signIn.signInsPerSecond, 1)}/s with ${signIn.concurrentSignIns} at once (p99 ${fmt(signIn.signInP99)} ms). ${p.label}, one client at a time: p99 ${fmt(p.idleP99, 1)} ms alone, ${fmt(p.loadedP99, 1)} ms beside the sign-ins (${fmt(p.ratioP99, 1)}×).`,
      "",
    );
    const kinds = [
      ["unknown email", signIn.enumeration.unknownEmail],
      ["wrong password", signIn.enumeration.wrongPassword],
      ["right password", signIn.enumeration.rightPassword],
    ] as const;
    out.push(
      ...grid(
        ["sign-in (ms)", "n", "p10", "p50", "p90", "p99"],
        kinds.map(([label, d]) => [
          label,
          String(d.n),
          fmt(d.p10, 1),
          fmt(d.p50, 1),
          fmt(d.p90, 1),
          fmt(d.p99, 1),
        ]),
        markdown,
      ),
      "",
    );
  }
  out.push(...verdicts(configuration).map((line) => `${markdown ? "- " : "  · "}${line}`), "");
  return out;
}

function grid(header: string[], rows: string[][], markdown: boolean): string[] {
  if (markdown) {
    return [
      `| ${header.join(" | ")} |`,
      `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
      ...rows.map((row) => `| ${row.join(" | ")} |`),
    ];
  }
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)];
}

function heading(report: BenchReport): string {
  const m = report.machine;
  const s = report.settings;
  return `${report.startedAt} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load ${m.load ?? "?"} · ${s.connections} connections, ${s.rounds} interleaved rounds of ${s.durationSeconds} s per endpoint · Argon2id ${s.argon2} · ${s.threadpool}`;
}

export function renderText(report: BenchReport): string {
  return [heading(report), "", ...report.configurations.flatMap((c) => tables(c, false))].join("\n");
}

export function renderMarkdown(report: BenchReport): string {
  return [`_${heading(report)}_`, "", ...report.configurations.flatMap((c) => tables(c, true))].join("\n");
}

/** Writes a Markdown or JSON file as the repository's Prettier config formats it (format:check). */
export async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...options, filepath: path }));
}

/** Replaces the block between `<!-- bench:<name>:start -->` and its end marker in a docs file. */
export async function replaceDocsBlock(docsFile: string, name: string, content: string): Promise<void> {
  if (!existsSync(docsFile)) return;
  const [open, close] = [`<!-- bench:${name}:start -->`, `<!-- bench:${name}:end -->`];
  const docs = readFileSync(docsFile, "utf8");
  const start = docs.indexOf(open);
  const end = docs.indexOf(close);
  if (start < 0 || end < start) return;
  await writeFormatted(
    docsFile,
    `${docs.slice(0, start)}${open}\n\n${content}\n${close}${docs.slice(end + close.length)}`,
  );
}

/**
 * Writes latest.{json,md,svg} and appends to history.jsonl under `directory`; with `docsFile`,
 * also replaces the latest-results block there with the table and chart.
 */
export async function writeReport(report: BenchReport, directory: string, docsFile?: string): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const markdown = renderMarkdown(report);
  await writeFormatted(join(directory, "latest.json"), JSON.stringify(report, null, 2));
  await writeFormatted(join(directory, "latest.md"), markdown);
  writeFileSync(join(directory, "latest.svg"), renderChart(report));
  appendFileSync(join(directory, "history.jsonl"), `${JSON.stringify(report)}\n`);
  if (docsFile) {
    await replaceDocsBlock(
      docsFile,
      "latest",
      `![req/s per endpoint, latest run](../bench/results/latest.svg)\n\n${markdown}`,
    );
  }
}
