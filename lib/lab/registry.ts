import "server-only";
import { z } from "zod";
import type { Experiment } from "./experiment";
import { apiKeysExperiment } from "./experiments/api-keys";
import { delegatedSignInExperiment } from "./experiments/delegated-sign-in";
import { logoutExperiment } from "./experiments/logout";
import { offlineVerificationExperiment } from "./experiments/offline-verification";
import { perRequestCostExperiment } from "./experiments/per-request-cost";
import { readablePayloadExperiment } from "./experiments/readable-payload";
import { scalingExperiment } from "./experiments/scaling";
import { serverStorageExperiment } from "./experiments/server-storage";
import { sizeExperiment } from "./experiments/size";
import { stolenRefreshTokenExperiment } from "./experiments/stolen-refresh-token";
import { storeOutageExperiment } from "./experiments/store-outage";
import type { ExperimentInfo } from "./types";

/**
 * The experiments that exist, in issue 12's order. Only built experiments are here: the /compare
 * table links anything else to the standard it rests on, never to a placeholder.
 */
const EXPERIMENTS: readonly Experiment[] = [
  logoutExperiment,
  serverStorageExperiment,
  sizeExperiment,
  perRequestCostExperiment,
  readablePayloadExperiment,
  stolenRefreshTokenExperiment,
  offlineVerificationExperiment,
  scalingExperiment,
  storeOutageExperiment,
  delegatedSignInExperiment,
  apiKeysExperiment,
];

export const EXPERIMENT_SLUGS: readonly string[] = EXPERIMENTS.map((experiment) => experiment.slug);

/** A slug the run route accepts: one of the registry's, nothing else (ASVS 2.2.1). */
export const experimentSlugSchema = z
  .string()
  .max(40)
  .refine((slug) => EXPERIMENT_SLUGS.includes(slug), { error: "Unknown experiment." });

export function findExperiment(slug: string): Experiment | null {
  return EXPERIMENTS.find((experiment) => experiment.slug === slug) ?? null;
}

function infoOf({ run: _run, unavailableHere, ...info }: Experiment): ExperimentInfo {
  return { ...info, unavailable: unavailableHere?.() ?? null };
}

/** What the pages show: every experiment's description, without its code. */
export function listExperiments(): ExperimentInfo[] {
  return EXPERIMENTS.map(infoOf);
}

export function experimentInfo(slug: string): ExperimentInfo | null {
  const found = findExperiment(slug);
  return found ? infoOf(found) : null;
}
