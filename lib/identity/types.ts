import type { AuthMode, IdentityUser } from "@/lib/core/identity";
import type { READERS } from "./readers";

export type { AuthMode, CredentialSource, IdentityUser, ModeIdentity } from "@/lib/core/identity";

/** What each mode's reader reports, derived from the registry (lib/identity/readers.ts). */
type Registered = typeof READERS;
export type ModeIdentities = {
  [M in keyof Registered]?: NonNullable<Awaited<ReturnType<Registered[M]>>>;
};

export type Identity = {
  /** The user chosen by precedence (see lib/identity/index.ts), or null when signed out. */
  user: IdentityUser | null;
  /** The mode that supplied `user`. */
  mode: AuthMode | null;
  /** Every mode that authenticated this request, each with its own user. */
  modes: ModeIdentities;
  /**
   * Modes whose credential was presented but could not be checked because their store is down.
   * Not "signed out": callers answer 503 (APIs) or show the unavailable state (pages).
   */
  unavailable: AuthMode[];
};
