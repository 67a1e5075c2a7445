import type { ReactNode } from "react";

/** The frame around every sign-in and sign-up form. */
export function AuthCard({
  mode,
  title,
  description,
  children,
}: {
  mode: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">{mode}</p>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      <div className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">{children}</div>
    </div>
  );
}
