"use client";

import { useState } from "react";

/** Copies a run's result to the clipboard as pretty-printed JSON. */
export function CopyJsonButton({ value }: { value: unknown }) {
  const [message, setMessage] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(JSON.stringify(value, null, 2));
      setMessage("Copied");
    } catch {
      setMessage("Copying is blocked in this browser");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        Copy as JSON
      </button>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {message}
      </span>
    </span>
  );
}
