"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";

/** A submit button that shows the pending state of its form. */
export function SubmitButton({ children, pendingLabel }: { children: ReactNode; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** The quieter variant, for row actions such as "Revoke". */
export function SubmitButtonSecondary({
  children,
  pendingLabel,
  ariaLabel,
}: {
  children: ReactNode;
  pendingLabel: string;
  ariaLabel?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={ariaLabel}
      className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
