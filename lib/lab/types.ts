import type { ErrorBody } from "@/lib/http/json";

// The lab's shared shapes: what an experiment is, what a run streams, and what it reports. Plain
// types with no server code, so the client runner can import them too.

/** The three verdicts the issue allows, and nothing else. */
export type Verdict = "holds" | "holds_at_a_cost" | "does_not_hold";

export const VERDICT_LABELS: Record<Verdict, string> = {
  holds: "holds",
  holds_at_a_cost: "holds, at a cost",
  does_not_hold: "does not hold here",
};

/** A standard an explanation rests on: an RFC, an ASVS requirement, an OWASP cheat sheet. */
export type StandardRef = { label: string; url: string };

/** One measured value as the page shows it (already formatted by the experiment). */
export type Measurement = { label: string; value: string };

/** What an experiment measured. `data` holds what its page shows beyond the table. */
export type ExperimentOutcome = {
  verdict: Verdict;
  /** The measured answer in one line, e.g. "JWT accepted after sign-out: yes, for 297 s". */
  headline: string;
  /** For "holds, at a cost": the cost, named. */
  cost?: string;
  measurements: readonly Measurement[];
  data?: Readonly<Record<string, string>>;
};

export type LabResult = ExperimentOutcome & {
  slug: string;
  ranAt: string;
  durationMs: number;
  steps: LabStep[];
  /** The run's throw-away user, deleted before this result was sent. */
  throwawayEmail: string;
};

/** One step of a run, as it happened (ms since the run started). */
export type LabStep = { label: string; atMs: number };

/** What the run route streams, one JSON object per line. */
export type LabEvent =
  { type: "step"; step: LabStep } | { type: "result"; result: LabResult } | ({ type: "error" } & ErrorBody);

/** What a page needs to know about an experiment: no code. */
export type ExperimentInfo = {
  slug: string;
  /** The experiment's number in issue 12's list. */
  number: number;
  title: string;
  claim: string;
  /** Short paragraphs: why the result comes out as it does. */
  explanation: string[];
  standards: StandardRef[];
  /** Why it cannot run on this deployment, and how to run it elsewhere; null when it can. */
  unavailable: string | null;
};
