"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const INTERVAL_MS = 1000;

/**
 * Keeps the dashboard live: polls the state feed with If-None-Match and redraws the server
 * components when anything changed (another tab signed out, a device revoked a session, a token
 * rotated). Paused while the tab is hidden; resumes with an immediate check.
 */
export function LiveRefresh() {
  const router = useRouter();
  const etag = useRef<string | null>(null);
  const [status, setStatus] = useState<"live" | "paused" | "offline">("live");

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    async function check() {
      if (document.visibilityState === "hidden") {
        setStatus("paused");
        return;
      }
      try {
        const response = await fetch("/api/dashboard/state", {
          headers: etag.current ? { "If-None-Match": etag.current } : {},
          cache: "no-store",
        });
        const next = response.headers.get("etag");
        if (response.status === 200 && next) {
          if (etag.current !== null && etag.current !== next) router.refresh();
          etag.current = next;
        }
        setStatus("live");
      } catch {
        setStatus("offline");
      }
      if (!stopped) timer = setTimeout(check, INTERVAL_MS);
    }

    function onVisibility() {
      if (document.visibilityState === "visible") {
        clearTimeout(timer);
        void check();
      }
    }

    void check();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router]);

  const label = { live: "Live", paused: "Paused while hidden", offline: "Reconnecting…" }[status];
  return (
    <span className="inline-flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" role="status">
      <span
        aria-hidden
        className={`size-2 rounded-full ${status === "live" ? "bg-emerald-500" : status === "paused" ? "bg-zinc-400" : "bg-amber-500"}`}
      />
      {label}
    </span>
  );
}
