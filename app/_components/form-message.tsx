import type { FormState } from "@/lib/forms";

/** The form-level message, announced politely (or assertively for errors) by screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  const error = state.tone !== "success";
  return (
    <div aria-live={error ? "assertive" : "polite"} role={error ? "alert" : "status"} className="min-h-5">
      {state.message ? (
        <p
          className={
            error
              ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
              : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
          }
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
