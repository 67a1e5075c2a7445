import type { Metadata } from "next";
import { SubmitButton } from "@/app/_components/submit-button";
import { requireUser } from "@/lib/identity";
import { listUserTokenFamilies } from "@/lib/jwt/refresh-tokens";
import { listUserSessions } from "@/lib/session/store";
import { signOutEverywhereAction } from "./actions";
import { SignInList } from "./_components/sign-in-list";

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

      <SignInList
        kind="session"
        currentId={currentId}
        empty="No active session-mode sessions. Sign in with session mode to see one here."
        entries={sessions.map((session) => ({ ...session, lastActiveAt: session.lastSeenAt }))}
      />

      <section aria-labelledby="families-heading" className="space-y-3">
        <h2 id="families-heading" className="text-lg font-semibold">
          JWT sign-ins
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Each is a refresh-token family. Revoking one stops it from refreshing at once; its current access
          token keeps working until it expires (minutes), unless the deny-list is on. That gap is the price of
          stateless checks.
        </p>
        <SignInList
          kind="family"
          currentId={currentFamily}
          empty="No active JWT sign-ins."
          entries={families.map((family) => ({ ...family, lastActiveAt: family.lastRotatedAt }))}
        />
      </section>

      <form action={signOutEverywhereAction}>
        <SubmitButton pendingLabel="Signing out everywhere…">Sign out everywhere</SubmitButton>
      </form>
    </div>
  );
}
