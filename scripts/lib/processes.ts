import { type ChildProcess, spawn } from "node:child_process";
import { root } from "./prisma-cli";

export type ChildSpec = { name: string; command: string; args: string[]; env?: Record<string, string> };

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
      stdio: "inherit",
      env: { ...process.env, ...spec.env },
    });
    child.on("exit", (code, signal) => {
      if (!stopping) console.log(`authlab: ${spec.name} exited (${signal ?? code})`);
      stop(code ?? 0);
    });
    children.push(child);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(0));
}
