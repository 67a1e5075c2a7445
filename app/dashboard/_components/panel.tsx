import type { ReactNode } from "react";

/** One mode's column on the dashboard. */
export function Panel({
  id,
  title,
  signedIn,
  subtitle,
  children,
  actions,
}: {
  id: string;
  title: string;
  signedIn: boolean;
  subtitle: ReactNode;
  children?: ReactNode;
  actions: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`${id}-panel`}
      data-state={signedIn ? "signed-in" : "signed-out"}
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
    >
      <header className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${
              signedIn
                ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200"
                : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            }`}
          >
            {signedIn ? "Signed in" : "Signed out"}
          </span>
        </div>
        <p className="break-all text-sm text-zinc-600 dark:text-zinc-400" data-testid={`${id}-user`}>
          {subtitle}
        </p>
      </header>
      {children}
      <div className="mt-auto flex flex-wrap items-start gap-2">{actions}</div>
    </section>
  );
}

/** A titled block inside a panel. */
export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {title}
      </h3>
      {children}
    </div>
  );
}

/** A compact definition list of facts. */
export function Facts({ items, testId }: { items: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
          <dd className="break-all font-mono text-xs leading-5">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const linkButtonClass =
  "inline-flex items-center rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";
