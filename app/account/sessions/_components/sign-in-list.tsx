import { formatDateTime } from "@/app/_components/format";
import { describeUserAgent } from "@/lib/security/user-agent";
import { RevokeSessionButton } from "./revoke-button";

export type SignInEntry = {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
};

/** A list of live sign-ins (server sessions or JWT refresh families), each with Revoke. */
export function SignInList({
  entries,
  currentId,
  kind,
  empty,
}: {
  entries: SignInEntry[];
  currentId: string | undefined;
  kind: "session" | "family";
  empty: string;
}) {
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        {empty}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {entries.map((entry) => {
        const { browser, device } = describeUserAgent(entry.userAgent);
        const current = entry.id === currentId;
        const what = kind === "session" ? "session" : "JWT sign-in";
        return (
          <li
            key={entry.id}
            className="flex flex-wrap items-start justify-between gap-4 p-4"
            data-testid={kind === "session" ? "session-row" : "family-row"}
            data-current={current || undefined}
          >
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-medium">
                {browser} on {device}
                {current ? (
                  <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                    This browser
                  </span>
                ) : null}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                IP {entry.ipAddress ?? "unknown"} · signed in {formatDateTime(entry.createdAt)} · last{" "}
                {kind === "session" ? "active" : "refreshed"} {formatDateTime(entry.lastActiveAt)}
              </p>
            </div>
            <RevokeSessionButton
              kind={kind}
              sessionId={entry.id}
              label={current ? `Revoke this browser's ${what}` : `Revoke ${what} on ${browser}, ${device}`}
            />
          </li>
        );
      })}
    </ul>
  );
}
