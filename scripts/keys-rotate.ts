// `npm run keys:rotate`: makes a new active JWT signing key; the previous active key becomes
// retiring (it verifies the tokens it signed until they expire, then is retired). Run with the
// same DATABASE_URL and JWT_KEYS_SECRET as the app (.env.local is loaded like `next` does).
// Runs under the react-server condition so `server-only` modules load outside Next.
import { loadEnvConfig } from "@next/env";

loadEnvConfig(process.cwd());

async function main(): Promise<void> {
  const { rotateSigningKeys } = await import("../lib/jwt/keys/signing");
  const { db } = await import("../lib/db");
  try {
    const { kid, retiring } = await rotateSigningKeys("npm run keys:rotate");
    process.stdout.write(`New active signing key: ${kid}\n`);
    process.stdout.write(
      retiring.length > 0
        ? `Now retiring (verify until their tokens expire): ${retiring.join(", ")}\n`
        : "No previous key.\n",
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`keys:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
