"use client";

import { useState } from "react";
import { type LabEvent, type LabResult, type LabStep, VERDICT_LABELS } from "@/lib/lab/types";
import { BrowserDecode } from "./browser-decode";
import { CopyJsonButton } from "./copy-json-button";

type Status = "idle" | "running" | "done" | "failed";

const VERDICT_STYLES = {
  holds: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  holds_at_a_cost: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  does_not_hold: "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
} as const;

/** Reads the run route's JSON lines as they arrive and hands each event on. */
async function readEvents(response: Response, onEvent: (event: LabEvent) => void): Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines) if (text.trim()) onEvent(JSON.parse(text) as LabEvent);
  }
}

/** The Run button, the live steps, and the measured result with its verdict. */
export function ExperimentRunner({ slug }: { slug: string }) {
  const [status, setStatus] = useState<Status>("idle");
  const [steps, setSteps] = useState<LabStep[]>([]);
  const [result, setResult] = useState<LabResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setStatus("running");
    setSteps([]);
    setResult(null);
    setError(null);
    let finished = false;
    try {
      const response = await fetch("/api/lab/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `The run could not start (${response.status}).`);
        setStatus("failed");
        return;
      }
      await readEvents(response, (event) => {
        if (event.type === "step") setSteps((previous) => [...previous, event.step]);
        if (event.type === "result") {
          finished = true;
          setResult(event.result);
          setStatus("done");
        }
        if (event.type === "error") {
          finished = true;
          setError(event.error.message);
          setStatus("failed");
        }
      });
      if (!finished) {
        setError("The run stopped before it reported a result. Try again.");
        setStatus("failed");
      }
    } catch {
      setError("The network request failed. Check your connection and try again.");
      setStatus("failed");
    }
  }

  const running = status === "running";
  return (
    <section
      aria-labelledby="run-heading"
      className="space-y-4 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="run-heading" className="text-xl font-semibold">
          Run it
        </h2>
        <button
          type="button"
          onClick={run}
          disabled={running}
          aria-busy={running}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {running ? "Running…" : status === "idle" ? "Run the experiment" : "Run again"}
        </button>
      </div>

      <div aria-live="polite" className="space-y-4">
        {steps.length > 0 && (
          <ol className="space-y-1 text-sm" aria-label="Steps" data-testid="steps">
            {steps.map((step, index) => (
              <li key={index} className="flex gap-3">
                <span className="w-16 shrink-0 text-right font-mono text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                  {step.atMs} ms
                </span>
                <span>{step.label}</span>
              </li>
            ))}
          </ol>
        )}
        {error && (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {error}
          </p>
        )}
        {result && <ResultView result={result} />}
      </div>
    </section>
  );
}

function ResultView({ result }: { result: LabResult }) {
  return (
    <div className="space-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800" data-testid="result">
      <div className="flex flex-wrap items-center gap-3">
        <span
          data-testid="verdict"
          data-verdict={result.verdict}
          className={`rounded-full px-3 py-1 text-sm font-semibold ${VERDICT_STYLES[result.verdict]}`}
        >
          Verdict: {VERDICT_LABELS[result.verdict]}
        </span>
        <CopyJsonButton value={result} />
      </div>
      <p className="font-medium" data-testid="headline">
        {result.headline}
      </p>
      {result.cost && (
        <p className="text-sm" data-testid="cost">
          <span className="font-semibold">The cost: </span>
          {result.cost}
        </p>
      )}
      <dl className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="measurements">
        {result.measurements.map((measurement) => (
          <div
            key={measurement.label}
            className="flex flex-col gap-0.5 py-1.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6"
          >
            <dt className="text-zinc-600 dark:text-zinc-400">{measurement.label}</dt>
            <dd className="font-mono break-all tabular-nums sm:max-w-[60%] sm:text-right">
              {measurement.value}
            </dd>
          </div>
        ))}
      </dl>
      {result.data?.jwtPayloadSegment !== undefined && <BrowserDecode data={result.data} />}
      {result.data?.verifier !== undefined && (
        <details className="text-sm">
          <summary className="cursor-pointer font-semibold">The offline verifier&apos;s whole source</summary>
          <pre
            className="mt-2 overflow-x-auto rounded bg-zinc-100 p-3 text-xs dark:bg-zinc-900"
            data-testid="verifier-source"
          >
            {result.data.verifier}
          </pre>
        </details>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Measured {new Date(result.ranAt).toLocaleString()} in {result.durationMs} ms with the throw-away user{" "}
        <span data-testid="throwaway-email">{result.throwawayEmail}</span>, now deleted.
      </p>
    </div>
  );
}
