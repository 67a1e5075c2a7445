import "server-only";
import { EnvError, loadEnv } from "@/lib/env";

/** Stops this process, naming what is wrong (never a secret's value). */
export function refuseToStart(reason: string): never {
  console.error(`authlab: refusing to start.\n${reason}\nSee .env.example for every setting.`);
  process.exit(1);
}

let checked = false;

/**
 * The settings a serving instance must have, checked once: with missing or weak secrets (or any
 * other refused setting) it stops here, naming the variables. NEXT_PHASE is ignored: a value left
 * set at run time cannot make a serving process skip these checks (ASVS 5.0 13.1.x).
 */
export function assertServingEnvironment(): void {
  if (checked) return;
  try {
    loadEnv({ serving: true });
    checked = true;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    refuseToStart(error.message);
  }
}
