/** The authentication modes authlab demonstrates. `apikey` arrives with the API-key issue. */
export type AuthMode = "session" | "jwt" | "oauth" | "apikey";

/** The user as every mode reports it (a `User` row, minus anything secret). */
export type IdentityUser = {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
};

/** What one mode found on the request: who, and what was presented and verified. */
export type ModeIdentity<TCredential = unknown> = {
  mode: AuthMode;
  user: IdentityUser;
  credential: TCredential;
};

export type Identity = {
  /** The user chosen by precedence (see lib/identity/index.ts), or null when signed out. */
  user: IdentityUser | null;
  /** The mode that supplied `user`. */
  mode: AuthMode | null;
  /** Every mode that authenticated this request, each with its own user. */
  modes: Partial<Record<AuthMode, ModeIdentity>>;
};
