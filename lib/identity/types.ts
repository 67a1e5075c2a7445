import type { JwtCredential } from "@/lib/jwt/identity";
import type { OAuthCredential } from "@/lib/oauth/identity";
import type { SessionCredential } from "@/lib/session/identity";

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

/** What each mode reports as its credential (see each mode's identity.ts). */
export type ModeCredentials = {
  session: SessionCredential;
  jwt: JwtCredential;
  oauth: OAuthCredential;
  apikey: unknown;
};

export type ModeIdentities = { [M in AuthMode]?: ModeIdentity<ModeCredentials[M]> & { mode: M } };

export type Identity = {
  /** The user chosen by precedence (see lib/identity/index.ts), or null when signed out. */
  user: IdentityUser | null;
  /** The mode that supplied `user`. */
  mode: AuthMode | null;
  /** Every mode that authenticated this request, each with its own user. */
  modes: ModeIdentities;
};
