"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { type ClientRefreshFailure, describeRefreshFailure, refreshAccessToken } from "@/lib/jwt/client";

/**
 * Seconds until the access token expires. At zero it refreshes (single-flight) and re-renders
 * the page with the new token, so a page left open keeps working; the countdown is for people,
 * the server enforces exp either way.
 */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const router = useRouter();
  const target = new Date(expiresAt).getTime();
  const [now, setNow] = useState<number | null>(null);
  const [status, setStatus] = useState<"idle" | "refreshing" | ClientRefreshFailure>("idle");
  const attempted = useRef<number | null>(null);

  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);

  const left = now === null ? null : Math.max(0, Math.ceil((target - now) / 1000));

  useEffect(() => {
    if (left !== 0 || attempted.current === target || document.visibilityState === "hidden") return;
    attempted.current = target;
    setStatus("refreshing");
    void refreshAccessToken().then((result) => {
      setStatus(result.ok ? "idle" : result.reason);
      if (result.ok) router.refresh();
    });
  }, [left, target, router]);

  return (
    <p className="text-sm">
      <span className="font-medium">Access token expires in </span>
      <span className="font-mono tabular-nums" data-testid="jwt-expires-in">
        {left === null ? "…" : `${left} s`}
      </span>
      <span role="status" aria-live="polite" className="ml-2 text-zinc-600 dark:text-zinc-400">
        {status === "refreshing" ? "Refreshing…" : status === "idle" ? "" : describeRefreshFailure(status)}
      </span>
    </p>
  );
}
