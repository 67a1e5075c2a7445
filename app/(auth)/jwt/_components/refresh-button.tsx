"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { type ClientRefreshFailure, describeRefreshFailure, refreshAccessToken } from "@/lib/jwt/client";

/** Rotates the refresh token now, to watch the family history grow. */
export function RefreshButton() {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "pending" | ClientRefreshFailure>("idle");
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={state === "pending"}
        onClick={async () => {
          setState("pending");
          const result = await refreshAccessToken();
          setState(result.ok ? "idle" : result.reason);
          if (result.ok) router.refresh();
        }}
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        {state === "pending" ? "Refreshing…" : "Refresh now"}
      </button>
      <span role="status" aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {state === "idle" || state === "pending" ? "" : describeRefreshFailure(state)}
      </span>
    </div>
  );
}
