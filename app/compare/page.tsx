import type { Metadata } from "next";
import Link from "next/link";
import { RECOMMENDATIONS } from "@/lib/lab/choose";
import { COMPARED_MODES, compareTable } from "@/lib/lab/compare-table";
import { experimentInfo, listExperiments } from "@/lib/lab/registry";

export const metadata: Metadata = { title: "Compare the modes" };

const linkClass = "text-indigo-700 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-300";

export default function ComparePage() {
  const rows = compareTable();
  const experiments = listExperiments();
  return (
    <div className="space-y-10">
      <section className="max-w-3xl space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Sessions, JWTs and OAuth, compared</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Every row is a claim people make when choosing a mode. A cell links to the experiment that measures
          it here, live, against the real implementations, or, until that experiment exists, to the standard
          it rests on.
        </p>
      </section>

      <section aria-labelledby="table-heading" className="space-y-3">
        <h2 id="table-heading" className="text-xl font-semibold">
          Side by side
        </h2>
        <div
          className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
          role="region"
          aria-labelledby="table-heading"
          tabIndex={0}
        >
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="compare-table">
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="p-3 font-semibold">
                  Property
                </th>
                {COMPARED_MODES.map((mode) => (
                  <th key={mode.key} scope="col" className="p-3 font-semibold">
                    {mode.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.property} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                  <th scope="row" className="p-3 font-medium">
                    {row.property}
                  </th>
                  {row.cells.map((cell, index) => (
                    <td key={COMPARED_MODES[index]!.key} className="p-3">
                      {cell.external ? (
                        <a href={cell.href} className={linkClass} rel="noreferrer" title={row.source.label}>
                          {cell.text}
                        </a>
                      ) : (
                        <Link href={cell.href} className={linkClass}>
                          {cell.text}
                        </Link>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="choose-heading" className="max-w-3xl space-y-3" data-testid="choose">
        <h2 id="choose-heading" className="text-xl font-semibold">
          Which should I choose?
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Derived from what the experiments measure here: run one to see its numbers on this deployment.
        </p>
        <ul className="space-y-4">
          {RECOMMENDATIONS.map((recommendation) => (
            <li key={recommendation.need} className="space-y-1">
              <p className="font-medium">{recommendation.need}</p>
              <p>
                <span className="font-semibold">Choose: </span>
                {recommendation.choose}
              </p>
              <ul className="list-disc space-y-0.5 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
                {recommendation.because.map((reason) => (
                  <li key={reason.slug}>
                    <Link href={`/compare/${reason.slug}`} className={linkClass}>
                      {experimentInfo(reason.slug)?.title}
                    </Link>
                    : {reason.finding}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="experiments-heading" className="space-y-3">
        <h2 id="experiments-heading" className="text-xl font-semibold">
          Experiments you can run
        </h2>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Each run signs a throw-away user up and in through the real code, measures, shows a verdict, and
          deletes the user and everything it held. Your own account is never touched.
        </p>
        <ul className="grid gap-4 md:grid-cols-2">
          {experiments.map((experiment) => (
            <li key={experiment.slug} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
              <Link href={`/compare/${experiment.slug}`} className={`font-semibold ${linkClass}`}>
                {experiment.title}
              </Link>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{experiment.claim}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
