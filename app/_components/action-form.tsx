"use client";
import { type ReactNode, useActionState, useId } from "react";
import type { FormState } from "@/lib/forms";

export type { FormState } from "@/lib/forms";

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** Explains why the button cannot be used (rendered and announced; the button is disabled). */
  disabledReason?: string;
  /** Inputs the person chooses (a checkbox), shown above the button. */
  children?: ReactNode;
};

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:hover:bg-indigo-600",
  secondary:
    "border border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900 disabled:hover:bg-transparent",
  danger:
    "border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-400 dark:hover:bg-red-950",
};

/** A one-button form for a server action: pending state, and its error announced politely. */
export function ActionForm({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  disabledReason,
  children,
}: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  // useId: two forms with the same label on one page (the dashboard's sign-outs) stay distinct.
  const messageId = useId();
  return (
    <form action={formAction} className="space-y-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button
        type="submit"
        disabled={pending || Boolean(disabledReason)}
        aria-describedby={messageId}
        className={`inline-flex w-fit items-center rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]}`}
      >
        {pending ? pendingLabel : label}
      </button>
      <p id={messageId} aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
        {state.message ?? ""}
        {disabledReason && !state.message ? (
          <span className="text-zinc-600 dark:text-zinc-400">{disabledReason}</span>
        ) : null}
      </p>
    </form>
  );
}
