import "server-only";
import type { IdentityUser } from "@/lib/core/identity";
import { env } from "@/lib/env";

// "Sudo mode": a sensitive act (creating an API key, a standing way into the account) needs a
// sign-in from the last STEP_UP_WINDOW seconds, else the password again, or for an account with no
// password a fresh provider sign-in (ASVS 7.5.1 / 7.5.3). Only sign-ins the server holds count
// (a session-mode session, an Auth.js session), each by when it was created: a JWT carries no
// sign-in time the server keeps, and refreshing one is not signing in again.

/** The sign-ins a request carries, as the identity function reports them (only what is read). */
export type StepUpIdentity = {
  user: IdentityUser | null;
  modes: {
    session?: { user: IdentityUser; credential: { session: { createdAt: Date } } } | null;
    oauth?: { user: IdentityUser; credential: { sessionCreatedAt: Date } } | null;
  };
};

/** When the request's user last signed in, through a sign-in the server holds; null if none. */
export function lastSignInAt(identity: StepUpIdentity): Date | null {
  const user = identity.user;
  if (!user) return null;
  const { session, oauth } = identity.modes;
  const times = [
    session?.user.id === user.id ? session.credential.session.createdAt : null,
    oauth?.user.id === user.id ? oauth.credential.sessionCreatedAt : null,
  ].filter((time): time is Date => time !== null);
  return times.sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
}

/** Whether the request's user signed in within STEP_UP_WINDOW of `now`. */
export function hasRecentSignIn(identity: StepUpIdentity, now: Date = new Date()): boolean {
  const at = lastSignInAt(identity);
  return at !== null && now.getTime() - at.getTime() <= env.STEP_UP_WINDOW * 1000;
}
