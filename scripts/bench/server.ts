// The server `npm run bench` measures: a production build of its own (.next-bench, with the
// bench endpoints), started with BENCH=1 on a loopback port, stopped when the bench ends.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { root } from "../lib/prisma-cli";

export const BENCH_DIST_DIR = ".next-bench";

/** The newest modification time under the paths a build depends on. */
function newestSource(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== "generated") visit(join(path, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

const SOURCES = [
  "app",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "prisma/models.prisma",
];

/** Builds the bench build unless one newer than every source is already there. */
export function buildIfNeeded(log: (line: string) => void): void {
  const marker = join(root, BENCH_DIST_DIR, "BUILD_ID");
  if (existsSync(marker) && statSync(marker).mtimeMs > newestSource(SOURCES)) {
    log(`bench: reusing the build in ${BENCH_DIST_DIR}/ (newer than the sources)`);
    return;
  }
  log(`bench: building the app into ${BENCH_DIST_DIR}/ (next build, about a minute)…`);
  execFileSync(join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      AUTHLAB_BENCH_BUILD: "1",
    },
  });
}

/** A free loopback port (or BENCH_PORT when given). */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type RunningServer = { baseUrl: string; stop(): Promise<void> };

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`bench: the server exited (${child.exitCode}):\n${output()}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bench: ${baseUrl}/api/health did not answer within 60 s:\n${output()}`);
}

/** `next start` on the bench build with the given settings, healthy before this resolves. */
export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(
    join(root, "node_modules/.bin/next"),
    ["start", "--hostname", "localhost", "--port", String(port)],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: BENCH_DIST_DIR,
        AUTHLAB_BENCH_BUILD: "1",
        BENCH: "1",
      },
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
