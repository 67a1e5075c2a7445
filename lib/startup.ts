import "server-only";
import { EnvError, loadEnv } from "@/lib/env";

/** A production instance with missing or weak secrets stops here, naming the variables. */
export function assertValidEnvironment(): void {
  try {
    loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`authlab: refusing to start.\n${error.message}\nSee .env.example for every setting.`);
    process.exit(1);
  }
}
