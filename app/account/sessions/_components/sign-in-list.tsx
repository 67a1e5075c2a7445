import { formatDateTime } from "@/app/_components/format";
import { RevokeSessionButton, type SignInKind } from "./revoke-button";

export type SignInEntry = {
  id: string;
  /** What the person recognises it by: "Chrome on Linux", or the provider for Auth.js. */
  heading: string;
  ipAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
};

const KINDS = {
  session: { noun: "session", activity: "active", testId: "session-row" },
  family: { noun: "JWT sign-in", activity: "refreshed", testId: "family-row" },
  oauth: { noun: "provider session", activity: "seen", testId: "oauth-session-row" },
} as const satisfies Record<SignInKind, { noun: string; activity: string; testId: string }>;

/** A list of live sign-ins of one kind, each with Revoke. */
export function SignInList({
  entries,
  currentId,
  kind,
  empty,
}: {
  entries: SignInEntry[];
  currentId: string | undefined;
  kind: SignInKind;
  empty: string;
}) {
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        {empty}
      </p>
    );
  }
  const { noun, activity, testId } = KINDS[kind];
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {entries.map((entry) => {
        const current = entry.id === currentId;
        return (
          <li
            key={entry.id}
            className="flex flex-wrap items-start justify-between gap-4 p-4"
            data-testid={testId}
            data-current={current || undefined}
          >
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-medium">
                {entry.heading}
                {current ? (
                  <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                    This browser
                  </span>
                ) : null}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {entry.ipAddress ? `IP ${entry.ipAddress} · ` : ""}signed in {formatDateTime(entry.createdAt)}{" "}
                · last {activity} {formatDateTime(entry.lastActiveAt)}
              </p>
            </div>
            <RevokeSessionButton
              kind={kind}
              sessionId={entry.id}
              label={current ? `Revoke this browser's ${noun}` : `Revoke ${noun} on ${entry.heading}`}
            />
          </li>
        );
      })}
    </ul>
  );
}
