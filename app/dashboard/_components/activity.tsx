import { formatDateTime } from "@/app/_components/format";
import { listUserAuditEvents } from "@/lib/audit/timeline";
import { describeUserAgent } from "@/lib/security/user-agent";
import { readStore } from "@/lib/db/errors";

const LABELS: Record<string, string> = {
  "user.signed_up": "Account created",
  "user.sign_up_existing": "Someone tried to create an account with your email",
  "user.password_changed": "Password changed",
  "user.disabled": "Account disabled",
  "user.enabled": "Account enabled",
  "sign_in.succeeded": "Signed in",
  "sign_in.failed": "Failed sign-in",
  "sign_in.rate_limited": "Sign-in throttled",
  sign_out: "Signed out",
  "session.revoked": "Session revoked",
  "session.revoked_all": "Signed out everywhere",
  "session.expired": "Session expired",
  "token.refreshed": "Token refreshed",
  "token.reuse_detected": "Refresh token reuse detected",
  "token.family_revoked": "Token family revoked",
  "token.revoked": "Token revoked",
  "key.rotated": "Signing key rotated",
  "account.linked": "Provider linked",
  "account.unlinked": "Provider unlinked",
  "account.link_refused": "Provider link refused",
  "account.unlink_refused": "Provider unlink refused",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.used": "API key used (sampled)",
};

/** The signed-in user's audit timeline. */
export async function Activity({ userId }: { userId: string }) {
  const events = await readStore(listUserAuditEvents(userId));
  return (
    <section aria-labelledby="activity-title" className="space-y-3">
      <h2 id="activity-title" className="text-lg font-semibold">
        Activity
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing recorded yet.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
          {events.map((event) => {
            const { browser, device } = describeUserAgent(event.userAgent);
            return (
              <li
                key={event.id}
                className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2"
              >
                <span className="font-medium">
                  {LABELS[event.type] ?? event.type}
                  {event.mode ? (
                    <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">{event.mode}</span>
                  ) : null}
                </span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {browser} on {device} · {event.ipAddress ?? "unknown IP"} ·{" "}
                  <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
