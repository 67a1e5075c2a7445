import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { readOAuthIdentity } from "@/lib/oauth/identity";
import type { AuthMode, Identity, IdentityUser, ModeIdentity } from "./types";

export type { AuthMode, Identity, IdentityUser, ModeIdentity } from "./types";

/**
 * When one browser carries credentials of several modes, `user` comes from the first of these
 * that verified. An explicit Authorization header (Bearer JWT, later API key) is a deliberate
 * choice by the caller, so it wins over ambient cookies.
 */
export const MODE_PRECEDENCE: readonly AuthMode[] = ["apikey", "jwt", "session", "oauth"];

type Reader = () => Promise<ModeIdentity | null>;

/** Each mode contributes one reader from its own folder. */
async function readers(): Promise<Partial<Record<AuthMode, Reader>>> {
  return {
    oauth: readOAuthIdentity,
  };
}

/**
 * Who is on this request, per mode. Memoized per request with React's cache(), so pages,
 * layouts and actions can all call it. Malformed or expired credentials are ignored (treated
 * as absent), never thrown.
 */
export const getIdentity = cache(async (): Promise<Identity> => {
  const entries = Object.entries(await readers()) as [AuthMode, Reader][];
  const results = await Promise.all(entries.map(async ([mode, read]) => [mode, await read()] as const));
  const modes: Identity["modes"] = {};
  for (const [mode, result] of results) if (result) modes[mode] = result;
  const primary = MODE_PRECEDENCE.find((mode) => modes[mode]) ?? null;
  return { user: primary ? modes[primary]!.user : null, mode: primary, modes };
});

/** For pages and actions: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireUser(options: { next?: string; signInPath?: string } = {}): Promise<{
  user: IdentityUser;
  identity: Identity;
}> {
  const identity = await getIdentity();
  if (!identity.user) {
    const target = options.signInPath ?? "/session/sign-in";
    redirect(options.next ? `${target}?next=${encodeURIComponent(options.next)}` : target);
  }
  return { user: identity.user, identity };
}
