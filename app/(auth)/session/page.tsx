import type { Metadata } from "next";
import Link from "next/link";
import { ApiButton } from "@/app/_components/api-button";
import { formatDateTime } from "@/app/_components/format";
import { requireModeIdentity } from "@/lib/identity";
import { describeUserAgent } from "@/lib/security/user-agent";

export const metadata: Metadata = { title: "Session mode" };

export default async function SessionPage() {
  const session = await requireModeIdentity("session", "/session/sign-in?next=%2Fsession");
  const { user, credential } = session;
  const row = credential.session;
  const { browser, device } = describeUserAgent(row.userAgent);

  const facts: [string, string][] = [
    ["Session id", row.id],
    ["Created", formatDateTime(row.createdAt)],
    ["Last active", formatDateTime(row.lastSeenAt)],
    ["Idle expiry (sliding)", formatDateTime(row.idleExpiresAt)],
    ["Absolute expiry", formatDateTime(row.absoluteExpiresAt)],
    ["IP address", row.ipAddress ?? "unknown"],
    ["Device", `${browser} on ${device}`],
    ["Cookie", `${credential.cookieName} (${credential.cookieBytes} bytes, sealed)`],
  ];

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">Session mode</p>
        <h1 className="text-2xl font-bold tracking-tight">Signed in as {user.name ?? user.email}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="session-email">
          {user.email}
        </p>
      </div>

      <section
        aria-labelledby="session-heading"
        className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800"
      >
        <h2 id="session-heading" className="text-lg font-semibold">
          This session, as the server keeps it
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Your browser holds only a sealed random token. Everything below lives in the database, which is why
          it can be listed and revoked at once.
        </p>
        <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-zinc-500 dark:text-zinc-400">{term}</dt>
              <dd className="break-all font-mono">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="flex flex-wrap items-start gap-3">
        <Link
          href="/account/sessions"
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Manage sessions
        </Link>
        <Link
          href="/account/password"
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Change password
        </Link>
        <ApiButton
          endpoint="/api/session/sign-out"
          pendingLabel="Signing out…"
          redirectTo="/session/sign-in"
          variant="danger"
        >
          Sign out
        </ApiButton>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Signing out deletes the session row and sends <code>Clear-Site-Data: &quot;cookies&quot;</code>, which
        makes the browser drop every authlab cookie, so the other modes sign out in this browser too.
      </p>
    </div>
  );
}
