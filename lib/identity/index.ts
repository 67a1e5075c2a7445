import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { readJwtIdentity } from "@/lib/jwt/identity";
import { readOAuthIdentity } from "@/lib/oauth/identity";
import { readSessionIdentity } from "@/lib/session/identity";
import { type CredentialSource, sourceFromNext, sourceFromRequest } from "./source";
import { logger } from "@/lib/log";
import type { AuthMode, Identity, IdentityUser, ModeIdentities, ModeIdentity } from "./types";

export type { AuthMode, Identity, IdentityUser, ModeIdentities, ModeIdentity } from "./types";
export type { CredentialSource } from "./source";

/**
 * When one browser carries credentials of several modes, `user` comes from the first of these
 * that verified. An explicit Authorization header (Bearer JWT, later API key) is a deliberate
 * choice by the caller, so it wins over ambient cookies.
 */
export const MODE_PRECEDENCE: readonly AuthMode[] = ["apikey", "jwt", "session", "oauth"];

type Readers = { [M in AuthMode]?: (source: CredentialSource) => Promise<ModeIdentities[M] | null> };

/** Each mode contributes one reader, from its own folder. */
const READERS: Readers = {
  session: readSessionIdentity,
  jwt: readJwtIdentity,
  oauth: readOAuthIdentity,
};

async function identityFrom(source: CredentialSource): Promise<Identity> {
  const entries = Object.entries(READERS) as [
    AuthMode,
    (source: CredentialSource) => Promise<ModeIdentity | null>,
  ][];
  const results = await Promise.all(
    entries.map(async ([mode, read]) => {
      try {
        return await read(source);
      } catch (error) {
        // A mode whose store is down reads as signed out in that mode, not as a broken page.
        logger.error("identity: reader failed", { mode, error });
        return null;
      }
    }),
  );
  const modes: Record<string, ModeIdentity> = {};
  for (const result of results) if (result) modes[result.mode] = result;
  const primary = MODE_PRECEDENCE.find((mode) => modes[mode]) ?? null;
  return { user: primary ? modes[primary]!.user : null, mode: primary, modes: modes as ModeIdentities };
}

/**
 * Who is on this request, per mode: for pages, layouts and server actions. Memoized per request
 * with React's cache(). Malformed, expired or revoked credentials count as absent, never throw.
 */
export const getIdentity = cache(async (): Promise<Identity> => identityFrom(await sourceFromNext()));

/** The same for route handlers, read straight from the Request. */
export async function getRequestIdentity(request: Request): Promise<Identity> {
  return identityFrom(sourceFromRequest(request));
}

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
