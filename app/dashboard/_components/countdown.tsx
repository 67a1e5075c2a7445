"use client";

import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { refreshAccessToken } from "@/lib/jwt/client";

// A shared one-second clock; null during server rendering and hydration, so markup matches.
function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
}
const nowInSeconds = () => Math.floor(Date.now() / 1000);
const serverNow = () => null;

function format(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return days > 0
    ? `${days}d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
    : `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

/**
 * Time left until `target`, ticking each second. At zero it redraws the page once; for a JWT
 * access token (`onZero="jwt-refresh"`) it first trades the refresh token for a new pair, as the
 * next full page load would.
 */
export function Countdown({
  target,
  label,
  atZero,
  onZero = "redraw",
}: {
  target: string;
  label: string;
  atZero: string;
  onZero?: "redraw" | "jwt-refresh";
}) {
  const router = useRouter();
  const end = new Date(target).getTime();
  const seconds = useSyncExternalStore(subscribe, nowInSeconds, serverNow);
  const left = seconds === null ? null : end - seconds * 1000;
  const expired = left !== null && left <= 0;

  useEffect(() => {
    if (!expired) return;
    // A refresh that could not be checked (store down) leaves the panel as it is rather than
    // redrawing it signed out; the next page load retries through proxy.ts.
    if (onZero === "jwt-refresh") {
      void refreshAccessToken().then((result) => {
        if (result.ok || result.reason !== "unavailable") router.refresh();
      });
    } else router.refresh();
  }, [expired, onZero, router]);

  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <span
        className="font-mono tabular-nums"
        aria-label={`${label}: ${left === null ? "calculating" : expired ? "expired" : format(left)}`}
      >
        {left === null ? "…" : expired ? "expired" : format(left)}
      </span>
      <span className="basis-full text-xs text-zinc-500 dark:text-zinc-400">At zero: {atZero}</span>
    </div>
  );
}
