import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

// The latest `npm run bench` results (bench/results/latest.json), read as data: the lab shows
// them next to its live measurements, with their date and machine. Absent on a deployment that
// does not ship the file, which the page then says.

const targetSchema = z.object({ name: z.string(), label: z.string(), rps: z.number(), ratio: z.number() });

const resultsSchema = z.object({
  startedAt: z.string(),
  machine: z.object({ cpu: z.string(), cores: z.number() }),
  configurations: z.array(z.object({ name: z.string(), targets: z.array(targetSchema) })),
});

export type BenchResults = z.infer<typeof resultsSchema>;

export async function readLatestBenchResults(): Promise<BenchResults | null> {
  try {
    const text = await readFile(join(process.cwd(), "bench", "results", "latest.json"), "utf8");
    const parsed = resultsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
