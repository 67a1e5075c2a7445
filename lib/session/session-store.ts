import "server-only";
import type { IdentityUser } from "@/lib/core/identity";

// The storage session mode needs, as a small set of verbs: the database (./database-store.ts)
// and Redis (./redis-store.ts) implement it, and the policy in ./store.ts does not change. Revocation is
// not here: it goes through lib/revocation, the one path that ends credentials in every mode,
// which a new backend must also serve.

export type ServerSessionRecord = {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

export type NewServerSession = Omit<ServerSessionRecord, "id" | "lastSeenAt"> & { tokenHash: string };

/** What the per-request check reads: the session, whether it was revoked, and its user. */
export type StoredSession = ServerSessionRecord & {
  revokedAt: Date | null;
  user: IdentityUser & { disabledAt: Date | null };
};

export type SessionStore = {
  /**
   * Stores a new session keyed by its token's hash; this user's expired sessions go. `user` is
   * the account that just signed in (a backend may keep a copy to answer findWithUser alone).
   */
  insert(session: NewServerSession, user: IdentityUser): Promise<ServerSessionRecord>;
  /** The session behind a token hash with its user, in one round trip: the per-request read. */
  findWithUser(tokenHash: string): Promise<StoredSession | null>;
  /** Id and owner of the session behind a token hash, live or not (to end it). */
  findRef(tokenHash: string): Promise<{ id: string; userId: string } | null>;
  /** Slides the idle expiry (written at most once a minute per session: ./store.ts). */
  touch(id: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void>;
  /** Deletes a session found expired. */
  remove(id: string): Promise<void>;
  /** A user's live sessions, newest activity first. */
  listLive(userId: string, now: Date): Promise<ServerSessionRecord[]>;
};
