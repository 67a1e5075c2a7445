import "server-only";
import { hasPassword } from "@/lib/auth/credentials";
import type { IdentityUser, ModeIdentity } from "@/lib/core/identity";
import { fail, ok, type Result } from "@/lib/core/result";
import { env } from "@/lib/env";

/**
 * Linking a provider adds a way into the account and unlinking one removes a way in (the owner's,
 * perhaps, leaving the thief's), so both need a recent sign-in (ASVS 5.0 V7.5.1) held in a
 * server-side, revocable session: a session-mode ServerSession or an Auth.js database session.
 * A JWT alone is not enough: it stays valid for minutes after a password change or "sign out
 * everywhere", and a stolen one must not be able to add the thief's provider or drop the owner's.
 * "Recent" is the one step-up window every sensitive action uses: STEP_UP_WINDOW (10 minutes).
 */
export function linkReauthMaxAgeMs(): number {
  return env.STEP_UP_WINDOW * 1000;
}

/** The window in words: whole minutes, else seconds. */
function windowInWords(): string {
  const seconds = env.STEP_UP_WINDOW;
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  return seconds === 60 ? "minute" : `${seconds / 60} minutes`;
}

/** The stateful session that allowed a link; the link intent is bound to it. */
export type LinkSession = { mode: "session" | "oauth"; sessionId: string };

export type LinkRefusal = "not_signed_in" | "stateless_only" | "stale";

export type LinkAccess = Result<{ userId: string; via: LinkSession }, LinkRefusal>;

/**
 * The stateful sign-ins on a request, as the session and OAuth readers report them (the
 * identity function's `modes`, or the readers called directly). Only what the rule reads.
 */
export type StatefulSignIns = {
  session?: ModeIdentity<"session", { session: { id: string; createdAt: Date } }> | null;
  oauth?: ModeIdentity<"oauth", { sessionId: string; sessionCreatedAt: Date }> | null;
};

type StatefulSignIn = LinkSession & { userId: string; signedInAt: Date };

function statefulSignIns({ session, oauth }: StatefulSignIns): StatefulSignIn[] {
  const found: StatefulSignIn[] = [];
  if (session) {
    const record = session.credential.session;
    found.push({
      mode: "session",
      sessionId: record.id,
      userId: session.user.id,
      signedInAt: record.createdAt,
    });
  }
  if (oauth) {
    const { sessionId, sessionCreatedAt } = oauth.credential;
    found.push({ mode: "oauth", sessionId, userId: oauth.user.id, signedInAt: sessionCreatedAt });
  }
  return found;
}

/**
 * Whether this request may link a provider to, or unlink one from, the user it shows
 * (`identity.user`): only through a stateful session of that same user, created at most
 * STEP_UP_WINDOW before `now`.
 */
export function canLinkProviders(
  identity: { user: IdentityUser | null; modes: StatefulSignIns },
  now: Date = new Date(),
): LinkAccess {
  const user = identity.user;
  if (!user) return fail("not_signed_in");
  const mine = statefulSignIns(identity.modes).filter((signIn) => signIn.userId === user.id);
  if (mine.length === 0) return fail("stateless_only");
  const fresh = mine
    .filter((signIn) => now.getTime() - signIn.signedInAt.getTime() <= linkReauthMaxAgeMs())
    .sort((a, b) => b.signedInAt.getTime() - a.signedInAt.getTime())[0];
  if (!fresh) return fail("stale");
  return ok({ userId: user.id, via: { mode: fresh.mode, sessionId: fresh.sessionId } });
}

/**
 * At the provider's callback: the very session that allowed the link must still be valid and
 * belong to the intent's user. A revoked one (password change, sign out everywhere) or a JWT
 * kills the pending link.
 */
export function isLinkSessionLive(signIns: StatefulSignIns, userId: string, via: LinkSession): boolean {
  return statefulSignIns(signIns).some(
    (signIn) => signIn.mode === via.mode && signIn.sessionId === via.sessionId && signIn.userId === userId,
  );
}

/** Where to sign in again before (un)linking: the password form for password users, providers otherwise. */
export async function reauthenticationPath(userId: string, back: string): Promise<string> {
  return (await hasPassword(userId))
    ? `/session/sign-in?${new URLSearchParams({ next: back })}`
    : `/oauth/sign-in?${new URLSearchParams({ callbackUrl: back })}`;
}

/** Why linking and unlinking are unavailable, in words for the Connections page and the refused actions. */
export function describeLinkRefusal(reason: LinkRefusal): string {
  switch (reason) {
    case "stateless_only":
      return "Linking or unlinking a provider changes the ways into your account, so it needs a sign-in with a server session (password or provider), not a JWT alone. Sign in again to continue.";
    case "stale":
      return `Linking or unlinking a provider changes the ways into your account, so it needs a sign-in from the last ${windowInWords()}. Sign in again to continue.`;
    case "not_signed_in":
      return "Sign in to link or unlink a provider.";
  }
}
