// `npm run purge`: the housekeeping job for hosts without Vercel Cron (run it from cron or a
// scheduler, daily is enough). Runs under the react-server condition so `server-only` modules
// load outside Next.
import { loadEnvConfig } from "@next/env";
import { runScript } from "./lib/run";

loadEnvConfig(process.cwd());

async function main(): Promise<number> {
  const { purgeExpired } = await import("../lib/housekeeping/purge");
  const { db } = await import("../lib/db");
  try {
    const now = new Date();
    process.stdout.write(`Purging what expired by ${now.toISOString()}, in batches...\n`);
    const report = await purgeExpired({
      now,
      // A script has no function time limit; the budget only keeps one run from going on forever.
      timeBudgetMs: 10 * 60 * 1000,
      onBatch: (kind, removed) => process.stdout.write(`  ${kind}: removed ${removed}\n`),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runScript(main);
