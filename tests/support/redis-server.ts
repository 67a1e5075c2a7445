// A redis-server of the test's own on a free loopback port (never the shared one), which the test
// can stop and start again with its data (saved on shutdown, loaded at start) or freeze: the
// outages a running app sees when its Redis goes away, or stops answering, and comes back.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type OwnRedis = {
  url: string;
  /** SHUTDOWN SAVE: the data is written to disk, the server exits, connections drop. */
  stop(): Promise<void>;
  /** Starts it again (if stopped) on the same port with the saved data, once it answers PING. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing answers (a partition). */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const cli = (port: number, ...args: string[]) =>
  execFileSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { encoding: "utf8" }).trim();

async function answers(port: number): Promise<boolean> {
  try {
    return cli(port, "ping") === "PONG";
  } catch {
    return false;
  }
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "authlab-redis-"));
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: "ignore" },
    );
    for (let attempt = 0; attempt < 100 && !(await answers(port)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!(await answers(port))) throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    cli(port, "shutdown", "save");
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    freeze: () => void child?.kill("SIGSTOP"),
    thaw: () => void child?.kill("SIGCONT"),
    async close() {
      child?.kill("SIGCONT");
      await stop().catch(() => child?.kill("SIGKILL"));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
