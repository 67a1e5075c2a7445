// The types every mode shares with the identity function. They live below lib/identity and
// every mode folder, so a mode depends on these and lib/identity depends on the modes, never
// the other way round.

/** The authentication modes authlab demonstrates. */
export type AuthMode = "session" | "jwt" | "oauth" | "apikey";

/** The user as every mode reports it (a `User` row, minus anything secret). */
export type IdentityUser = {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
};

/** What one mode found on the request: who, and what was presented and verified. */
export type ModeIdentity<TMode extends AuthMode = AuthMode, TCredential = unknown> = {
  mode: TMode;
  user: IdentityUser;
  credential: TCredential;
};

/**
 * Where a mode's reader finds credentials: the request's headers and cookies. Pages and actions
 * get it from next/headers; route handlers (and tests) build it from the Request, so the same
 * readers serve both without a request scope.
 */
export type CredentialSource = {
  headers: Headers;
  cookie(name: string): string | undefined;
  /**
   * Set only by the route handlers that accept API keys, naming the scope the route needs
   * (RFC 6750 §3.1). Pages, server actions and every other route leave it unset, so an API key
   * never authenticates them.
   */
  apiKeyScope?: string;
};
