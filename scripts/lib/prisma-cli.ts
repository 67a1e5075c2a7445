// Runs the Prisma CLI (through prisma.config.ts, so always on the offline JS engine).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");

export function runPrisma(
  args: string[],
  options: { env?: Record<string, string | undefined>; quiet?: boolean } = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...options.env },
  });
  if (!options.quiet && result.status !== 0) process.stderr.write(result.stderr + result.stdout);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
