import "server-only";
import type { LabContext } from "./context";
import type { ExperimentInfo, ExperimentOutcome } from "./types";

/**
 * One experiment: what its page says, and the run that measures it. `run` works server-side
 * against the real modes with the run's throw-away user, reports steps as it goes, and returns
 * only what it measured; the runner deletes the user whatever happens.
 */
export type Experiment = Omit<ExperimentInfo, "unavailable"> & {
  run(lab: LabContext): Promise<ExperimentOutcome>;
  /**
   * Why it cannot run on this deployment (it needs something the deployment lacks, such as a
   * second instance), or null. The page then says what it needs instead of offering Run.
   */
  unavailableHere?(): string | null;
};

/**
 * A run that cannot go on because the deployment lacks what it needs (a second instance that does
 * not answer). Its message is for the visitor: it says what is missing and how to provide it.
 */
export class LabPreconditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabPreconditionError";
  }
}
