import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/identity";
import { providerCatalog } from "@/lib/oauth/providers";
import { describeUserAgent } from "@/lib/security/user-agent";
import { listUserSignIns } from "@/lib/identity/sign-ins";
import { signOutEverywhereAction } from "./actions";
import { type SignInEntry, SignInList } from "./_components/sign-in-list";
import { readStore } from "@/lib/db/errors";

export const metadata: Metadata = { title: "Sessions" };

const note = "text-sm text-zinc-600 dark:text-zinc-400";

function deviceOf(userAgent: string | null): string {
  const { browser, device } = describeUserAgent(userAgent);
  return `${browser} on ${device}`;
}

export default async function SessionsPage() {
  const { user, identity } = await requireUser({ next: "/account/sessions" });
  const {
    sessions,
    jwtSignIns: families,
    providerSessions: oauthSessions,
  } = await readStore(listUserSignIns(user.id));
  const providerName = (id: string | null): string =>
    providerCatalog().find((provider) => provider.id === id)?.name ?? id ?? "A provider";
  const toEntry = (row: { userAgent: string | null } & Omit<SignInEntry, "heading">): SignInEntry => ({
    ...row,
    heading: deviceOf(row.userAgent),
  });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Your sessions</h1>
        <p className={note}>
          Every browser and client signed in to {user.email}, in every mode. Revoking one signs it out: the
          server stops recognising its cookie or refresh token.
        </p>
      </div>

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Session-mode sessions
        </h2>
        <SignInList
          kind="session"
          currentId={identity.modes.session?.credential.session.id}
          empty="No active session-mode sessions. Sign in with session mode to see one here."
          entries={sessions.map((session) => toEntry({ ...session, lastActiveAt: session.lastSeenAt }))}
        />
      </section>

      <section aria-labelledby="families-heading" className="space-y-3">
        <h2 id="families-heading" className="text-lg font-semibold">
          JWT sign-ins
        </h2>
        <p className={note}>
          Each is a refresh-token family. Revoking one stops it from refreshing at once; its current access
          token keeps working until it expires (minutes), unless the deny-list is on. That gap is the price of
          stateless checks.
        </p>
        <SignInList
          kind="family"
          currentId={identity.modes.jwt?.credential.familyId}
          empty="No active JWT sign-ins."
          entries={families.map((family) => toEntry({ ...family, lastActiveAt: family.lastRotatedAt }))}
        />
      </section>

      <section aria-labelledby="oauth-heading" className="space-y-3">
        <h2 id="oauth-heading" className="text-lg font-semibold">
          Provider (Auth.js) sessions
        </h2>
        <p className={note}>
          Each is an Auth.js database session, opened by signing in with a provider. Revoking one deletes it,
          so that browser is signed out on its next request. Auth.js records activity at most once a day.
        </p>
        <SignInList
          kind="oauth"
          currentId={identity.modes.oauth?.credential.sessionId}
          empty="No active provider sessions."
          entries={oauthSessions.map((session) => ({
            id: session.id,
            heading: providerName(session.provider),
            ipAddress: null,
            createdAt: session.createdAt,
            lastActiveAt: session.lastSeenAt,
          }))}
        />
      </section>

      <section aria-labelledby="everywhere-heading" className="space-y-3">
        <h2 id="everywhere-heading" className="text-lg font-semibold">
          Sign out everywhere
        </h2>
        <ul className={`list-disc space-y-1 pl-5 ${note}`} data-testid="sign-out-everywhere-effects">
          <li>Session mode: every session above, this one included, is refused on its next request.</li>
          <li>
            JWT mode: every refresh family is revoked, so no client can refresh.{" "}
            <span data-testid="jwt-access-token-effect">
              {env.JWT_DENYLIST
                ? "Access tokens already issued are refused at once (the deny-list is on)."
                : `Access tokens already issued stay valid until they expire (at most ${env.JWT_ACCESS_TTL} s): without the deny-list nothing is checked on the server to refuse them.`}
            </span>
          </li>
          <li>
            API keys stay unless you tick the box below: they are standing grants to scripts, not sign-ins.
          </li>
          <li>
            Provider sign-in: every Auth.js session is deleted. Linked providers stay linked, and your session
            at the provider itself is not touched.
          </li>
        </ul>
        <ActionForm
          action={signOutEverywhereAction}
          fields={{}}
          label="Sign out everywhere"
          pendingLabel="Signing out everywhere…"
          variant="primary"
        >
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="includeApiKeys" />
            Also revoke every API key
          </label>
        </ActionForm>
      </section>
    </div>
  );
}
