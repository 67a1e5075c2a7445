"use client";

import { useState } from "react";

/** A credential value, masked until the user asks to see it. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</span>
        <button
          type="button"
          onClick={() => setRevealed((value) => !value)}
          aria-pressed={revealed}
          className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          {revealed ? "Hide" : "Reveal"}
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <code
        tabIndex={0}
        className="block max-h-40 overflow-auto break-all rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900"
      >
        {revealed ? value : `${"•".repeat(Math.min(24, value.length))} (${value.length} characters)`}
      </code>
    </div>
  );
}
