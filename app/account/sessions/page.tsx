import type { Metadata } from "next";
import { formatDateTime } from "@/app/_components/format";
import { SubmitButton } from "@/app/_components/submit-button";
import { requireUser } from "@/lib/identity";
import { describeUserAgent } from "@/lib/security/user-agent";
import { listUserTokenFamilies } from "@/lib/jwt/refresh-tokens";
import { listUserSessions } from "@/lib/session/store";
import { signOutEverywhereAction } from "./actions";
import { RevokeSessionButton } from "./_components/revoke-button";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const { user, identity } = await requireUser({ next: "/account/sessions" });
  const [sessions, families] = await Promise.all([listUserSessions(user.id), listUserTokenFamilies(user.id)]);
  const currentId = identity.modes.session?.credential.session.id;
  const currentFamily = identity.modes.jwt?.credential.familyId;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Your sessions</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every browser signed in to {user.email} with session mode. Revoking one signs that browser out on
          its next request: the server simply stops recognising its cookie.
        </p>
      </div>

      {sessions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No active session-mode sessions. Sign in with session mode to see one here.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {sessions.map((session) => {
            const { browser, device } = describeUserAgent(session.userAgent);
            const current = session.id === currentId;
            return (
              <li
                key={session.id}
                className="flex flex-wrap items-start justify-between gap-4 p-4"
                data-testid="session-row"
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
                    IP {session.ipAddress ?? "unknown"} · signed in {formatDateTime(session.createdAt)} · last
                    active {formatDateTime(session.lastSeenAt)}
                  </p>
                </div>
                <RevokeSessionButton
                  sessionId={session.id}
                  label={`Revoke ${current ? "this browser's session" : `session on ${browser}, ${device}`}`}
                />
              </li>
            );
          })}
        </ul>
      )}

      <section aria-labelledby="families-heading" className="space-y-3">
        <h2 id="families-heading" className="text-lg font-semibold">
          JWT sign-ins
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Each is a refresh-token family. Revoking one stops it from refreshing at once; its current access
          token keeps working until it expires (minutes), unless the deny-list is on. That gap is the price of
          stateless checks.
        </p>
        {families.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            No active JWT sign-ins.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {families.map((family) => {
              const { browser, device } = describeUserAgent(family.userAgent);
              const current = family.id === currentFamily;
              return (
                <li
                  key={family.id}
                  className="flex flex-wrap items-start justify-between gap-4 p-4"
                  data-testid="family-row"
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
                      IP {family.ipAddress ?? "unknown"} · signed in {formatDateTime(family.createdAt)} · last
                      refreshed {formatDateTime(family.lastRotatedAt)}
                    </p>
                  </div>
                  <RevokeSessionButton
                    kind="family"
                    sessionId={family.id}
                    label={`Revoke JWT sign-in on ${browser}, ${device}${current ? " (this browser)" : ""}`}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <form action={signOutEverywhereAction}>
        <SubmitButton pendingLabel="Signing out everywhere…">Sign out everywhere</SubmitButton>
      </form>
    </div>
  );
}
