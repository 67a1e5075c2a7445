import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { experimentInfo } from "@/lib/lab/registry";
import { ExperimentRunner } from "../_components/experiment-runner";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const info = experimentInfo((await params).slug);
  return { title: info ? `Lab: ${info.title}` : "Not found" };
}

const linkClass = "text-indigo-700 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-300";

export default async function ExperimentPage({ params }: Props) {
  const info = experimentInfo((await params).slug);
  if (!info) notFound();
  return (
    <article className="max-w-3xl space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/compare" className={linkClass}>
            Compare the modes
          </Link>{" "}
          › Experiment {info.number}
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{info.title}</h1>
        <p className="text-lg" data-testid="claim">
          <span className="font-semibold">The claim: </span>
          {info.claim}
        </p>
      </header>

      {info.unavailable ? (
        <section
          aria-labelledby="run-heading"
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-5 dark:border-amber-800 dark:bg-amber-950"
          data-testid="unavailable"
        >
          <h2 id="run-heading" className="text-xl font-semibold">
            Not available on this deployment
          </h2>
          <p>{info.unavailable}</p>
        </section>
      ) : (
        <ExperimentRunner slug={info.slug} />
      )}

      <section aria-labelledby="why-heading" className="space-y-3">
        <h2 id="why-heading" className="text-xl font-semibold">
          Why it comes out this way
        </h2>
        {info.explanation.map((paragraph) => (
          <p key={paragraph.slice(0, 40)} className="text-zinc-700 dark:text-zinc-300">
            {paragraph}
          </p>
        ))}
        <h3 className="pt-2 font-semibold">Standards</h3>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {info.standards.map((standard) => (
            <li key={standard.url}>
              <a href={standard.url} className={linkClass} rel="noreferrer">
                {standard.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
