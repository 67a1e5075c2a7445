import { type ChildProcess, spawn } from "node:child_process";
import { root } from "./prisma-cli";

export type ChildSpec = {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Only its errors reach the terminal (a helper process whose start-up banner would confuse). */
  quiet?: boolean;
  /** Its exit is reported but stops nothing else (a helper the app works without). */
  optional?: boolean;
};

/** Runs children with inherited output; when one exits or a signal arrives, stops them all. */
export function startChildren(specs: ChildSpec[]): void {
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    process.exitCode = code;
  };
  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, {
      cwd: root,
      stdio: spec.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
      env: { ...process.env, ...spec.env },
    });
    child.on("exit", (code, signal) => {
      if (!stopping) console.log(`authlab: ${spec.name} exited (${signal ?? code})`);
      if (!spec.optional) stop(code ?? 0);
    });
    children.push(child);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(0));
}
