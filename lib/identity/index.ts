import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { AuthMode, CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { isStoreUnavailable, StoreUnavailableError } from "@/lib/db/errors";
import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { timeIdentityCheck, timeModeCheck } from "@/lib/timing";
import type { ApiKeyScope } from "@/lib/apikey/scopes";
import { READERS } from "./readers";
import { sourceFromNext, sourceFromRequest } from "@/lib/http/credential-source";
import type { Identity, IdentityUser, ModeIdentities } from "./types";

export type {
  AuthMode,
  CredentialSource,
  Identity,
  IdentityUser,
  ModeIdentities,
  ModeIdentity,
} from "./types";

/**
 * When one browser carries credentials of several modes, `user` comes from the first of these
 * that verified. An explicit header (an API key, a Bearer JWT) is a deliberate choice by the
 * caller, so it wins over ambient cookies.
 */
export const MODE_PRECEDENCE: readonly AuthMode[] = ["apikey", "jwt", "session", "oauth"];

type Reader = (source: CredentialSource) => Promise<ModeIdentity | null>;

function identityFrom(source: CredentialSource): Promise<Identity> {
  return timeIdentityCheck(() => readAllModes(source));
}

async function readAllModes(source: CredentialSource): Promise<Identity> {
  const entries = Object.entries(READERS) as [AuthMode, Reader][];
  const unavailable: AuthMode[] = [];
  const results = await Promise.all(
    entries.map(async ([mode, read]) => {
      try {
        return await timeModeCheck(mode, () => read(source));
      } catch (error) {
        // A store that is down means "cannot check", never "signed out" (a client told its
        // credential is invalid throws it away). Anything else is a bug: it propagates.
        if (!isStoreUnavailable(error)) throw error;
        logger.warn("identity: store unavailable", { mode, error });
        unavailable.push(mode);
        return null;
      }
    }),
  );
  const modes: Partial<Record<AuthMode, ModeIdentity>> = {};
  for (const result of results) if (result) modes[result.mode] = result;
  const primary = MODE_PRECEDENCE.find((mode) => modes[mode]) ?? null;
  return {
    user: primary ? modes[primary]!.user : null,
    mode: primary,
    modes: modes as ModeIdentities,
    unavailable,
  };
}

/**
 * Who is on this request, per mode: for pages, layouts and server actions. Memoized per request
 * with React's cache(). Malformed, expired or revoked credentials count as absent, never throw;
 * a mode whose store is down is listed in `unavailable`.
 */
export const getIdentity = cache(async (): Promise<Identity> => identityFrom(await sourceFromNext()));

/** The same for route handlers, read straight from the Request. API keys are not read here. */
export async function getRequestIdentity(request: Request): Promise<Identity> {
  return identityFrom(sourceFromRequest(request));
}

/**
 * For the API routes that also accept API keys: the same, with a presented key read as well and
 * held to `scope` (a key without it is a 403, a key that does not verify a 401, both with RFC
 * 6750 challenges, thrown as HttpError). A key whose store is down is 503, whatever else the
 * request carries: the caller chose the key.
 */
export async function getApiIdentity(request: Request, scope: ApiKeyScope): Promise<Identity> {
  const identity = await identityFrom(sourceFromRequest(request, { apiKeyScope: scope }));
  if (identity.unavailable.includes("apikey")) throw new StoreUnavailableError();
  return identity;
}

/**
 * For pages and actions: the signed-in user, or a redirect to sign-in that comes back here.
 * When no mode verified but a presented credential could not be checked, this throws
 * StoreUnavailableError (the unavailable state), never a sign-in redirect.
 */
export async function requireUser(options: { next?: string; signInPath?: string } = {}): Promise<{
  user: IdentityUser;
  identity: Identity;
}> {
  const identity = await getIdentity();
  if (!identity.user) {
    if (identity.unavailable.length > 0) throw new StoreUnavailableError();
    const target = options.signInPath ?? "/session/sign-in";
    redirect(options.next ? `${target}?next=${encodeURIComponent(options.next)}` : target);
  }
  return { user: identity.user, identity };
}

type Modes = Required<ModeIdentities>;

/**
 * For pages that belong to one mode: that mode's identity, a redirect to its sign-in when it
 * is signed out, or the unavailable state when its store cannot be checked.
 */
export async function requireModeIdentity<M extends keyof Modes>(
  mode: M,
  signInUrl: string,
): Promise<Modes[M]> {
  const identity = await getIdentity();
  const found = identity.modes[mode];
  if (found) return found as Modes[M];
  if (identity.unavailable.includes(mode)) throw new StoreUnavailableError();
  redirect(signInUrl);
}

/**
 * For route handlers that belong to one mode: that mode's identity, else an HttpError the route
 * wrapper answers: 503 when its store is down (never 401: the credential may be fine), else 401.
 */
export async function requireRequestMode<M extends keyof Modes>(
  request: Request,
  mode: M,
  signedOutMessage: string,
): Promise<Modes[M]> {
  const identity = await getRequestIdentity(request);
  const found = identity.modes[mode];
  if (found) return found as Modes[M];
  if (identity.unavailable.includes(mode)) throw new StoreUnavailableError();
  throw new HttpError(401, "unauthenticated", signedOutMessage);
}
