"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/**
 * POSTs JSON to one of authlab's own route handlers (which refuse form posts: CSRF), then goes
 * somewhere. Used for actions whose response carries headers a server action cannot send, such
 * as sign-out's Clear-Site-Data.
 */
export function ApiButton({
  endpoint,
  children,
  pendingLabel,
  redirectTo,
  variant = "secondary",
}: {
  endpoint: string;
  children: string;
  pendingLabel: string;
  redirectTo?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run() {
    setError(null);
    startTransition(async () => {
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          setError(body?.error?.message ?? `The request failed (${response.status}).`);
          return;
        }
        if (redirectTo) router.replace(redirectTo);
        router.refresh();
      } catch {
        setError("The network request failed. Check your connection and try again.");
      }
    });
  }

  const styles = {
    primary: "bg-indigo-600 text-white hover:bg-indigo-500",
    secondary: "border border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900",
    danger:
      "border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
  }[variant];

  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={run}
        disabled={pending}
        className={`inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${styles}`}
      >
        {pending ? pendingLabel : children}
      </button>
      <span role="alert" className="text-xs text-red-600 dark:text-red-400">
        {error}
      </span>
    </span>
  );
}
