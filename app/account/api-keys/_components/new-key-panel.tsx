"use client";

import { useState } from "react";

/**
 * The new key, shown once: it lives only in this answer's state, so reloading the page (or
 * leaving it) loses it for good. The server keeps only its hash.
 */
export function NewKeyPanel({ apiKey }: { apiKey: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <section
      aria-labelledby="new-key-heading"
      className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
      data-testid="new-api-key"
    >
      <h3 id="new-key-heading" className="font-semibold">
        Your new API key
      </h3>
      <p className="text-sm">Copy it now and keep it somewhere safe: authlab will never show it again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="break-all rounded bg-white px-2 py-1 text-sm dark:bg-zinc-900"
          data-testid="new-api-key-value"
        >
          {apiKey}
        </code>
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-white dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {copied === "copied"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Could not copy: select the key and copy it yourself."
            : ""}
      </p>
    </section>
  );
}
