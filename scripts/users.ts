// `npm run users -- disable <email>` / `npm run users -- enable <email>`: an operator's switch
// for an account. Disabling revokes every session, refresh family and OAuth session at once.
// Runs under the react-server condition so `server-only` modules load outside Next.
import { loadEnvConfig } from "@next/env";
import { runScript } from "./lib/run";

loadEnvConfig(process.cwd());

async function main(): Promise<number> {
  const [command, rawEmail] = process.argv.slice(2);
  if ((command !== "disable" && command !== "enable") || !rawEmail) {
    process.stderr.write("usage: npm run users -- disable|enable <email>\n");
    return 2;
  }
  const { normalizeEmail } = await import("../lib/auth/email");
  const { setUserDisabled } = await import("../lib/auth/disable");
  const { db } = await import("../lib/db");
  const { disconnectRedis } = await import("../lib/redis/client");
  try {
    const email = normalizeEmail(rawEmail);
    const result = await setUserDisabled(email, command === "disable");
    if (!result) {
      process.stderr.write(`No user with email ${email}.\n`);
      return 1;
    }
    process.stdout.write(
      command === "disable"
        ? `Disabled ${email}; revoked ${result.revoked} session(s), token families and OAuth sessions.\n`
        : `Enabled ${email}.\n`,
    );
    return 0;
  } finally {
    await db.$disconnect();
    await disconnectRedis();
  }
}

runScript(main);
