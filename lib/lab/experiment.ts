import "server-only";
import type { LabContext } from "./context";
import type { ExperimentInfo, ExperimentOutcome } from "./types";

/**
 * One experiment: what its page says, and the run that measures it. `run` works server-side
 * against the real modes with the run's throw-away user, reports steps as it goes, and returns
 * only what it measured; the runner deletes the user whatever happens.
 */
export type Experiment = ExperimentInfo & {
  run(lab: LabContext): Promise<ExperimentOutcome>;
};
