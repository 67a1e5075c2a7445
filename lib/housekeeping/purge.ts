import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// The purge job (ASVS 5.0 V14.2.7: data kept no longer than it is needed). It deletes only what
// no reader can accept any more, by the same comparisons the readers make, in batches of ids so
// that no statement holds a table lock for long on SQLite or PostgreSQL.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A revoked server session is kept this long after its revocation, so a browser that still holds
 * its cookie is told "revoked" (not "unknown") and the row can be inspected next to its audit
 * event. It is deleted earlier if it expires first.
 */
export const REVOKED_SESSION_RETENTION_MS = DAY_MS;

/** In this order: a family's tokens go before the family, so no cascade deletes an unbounded set. */
export const PURGE_KINDS = [
  "serverSessions",
  "refreshTokens",
  "refreshTokenFamilies",
  "revokedAccessTokens",
  "rateLimits",
  "authSessions",
  "auditEvents",
] as const;

export type PurgeKind = (typeof PURGE_KINDS)[number];

export type PurgeReport = {
  /** The instant every limit was compared with. */
  now: string;
  removed: Record<PurgeKind, number>;
  durationMs: number;
  /** False when the time budget ran out first; the next run carries on. */
  complete: boolean;
};

export type PurgeOptions = {
  now?: Date;
  /** Ids per DELETE statement. */
  batchSize?: number;
  /** Stop starting new batches after this long (a serverless function has a time limit). */
  timeBudgetMs?: number;
  onBatch?: (kind: PurgeKind, removed: number) => void;
};

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_TIME_BUDGET_MS = 20_000;

/** One kind of row: find up to `take` purgeable ids; delete those ids, still purgeable. */
type Target = {
  find: (take: number) => Promise<string[]>;
  remove: (ids: string[]) => Promise<number>;
};

function targets(now: Date): Record<PurgeKind, Target> {
  const revokedBefore = new Date(now.getTime() - REVOKED_SESSION_RETENTION_MS);
  // An access token verifies until exp + the tolerated skew, so its deny-list row must outlive that.
  const deniedBefore = new Date(now.getTime() - env.JWT_CLOCK_SKEW * 1000);
  const auditBefore = new Date(now.getTime() - env.AUDIT_RETENTION_DAYS * DAY_MS);

  // Expired as lib/session/store.ts reads it (a limit at or before now), or revoked long enough.
  const serverSession = {
    OR: [
      { absoluteExpiresAt: { lte: now } },
      { idleExpiresAt: { lte: now } },
      { revokedAt: { lte: revokedBefore } },
    ],
  };
  // A family is over at its absolute expiry; until then its used tokens are what reuse detection
  // (RFC 9700 §4.14.2) recognises, so tokens go only with their family, and before it.
  const family = { absoluteExpiresAt: { lte: now } };
  const refreshToken = { family };
  const deniedToken = { expiresAt: { lte: deniedBefore } };
  // A rate-limit row whose window, block or back-off memory has ended is read by the limiter as
  // absent (lib/security/rate-limit/database-store.ts compares the same way), so deleting it
  // changes no decision and never shortens a back-off (ASVS 6.3.1).
  const rateLimit = { expire: { lte: BigInt(now.getTime()) } };
  // Auth.js treats a session as expired only once `expires` is strictly in the past.
  const authSession = { expires: { lt: now } };
  const auditEvent = { createdAt: { lt: auditBefore } };

  const ids = (rows: { id: string }[]): string[] => rows.map((row) => row.id);
  return {
    serverSessions: {
      find: (take) =>
        db.serverSession.findMany({ where: serverSession, select: { id: true }, take }).then(ids),
      remove: (batch) =>
        db.serverSession.deleteMany({ where: { id: { in: batch }, ...serverSession } }).then((r) => r.count),
    },
    refreshTokens: {
      find: (take) => db.refreshToken.findMany({ where: refreshToken, select: { id: true }, take }).then(ids),
      remove: (batch) =>
        db.refreshToken.deleteMany({ where: { id: { in: batch }, ...refreshToken } }).then((r) => r.count),
    },
    refreshTokenFamilies: {
      find: (take) => db.refreshTokenFamily.findMany({ where: family, select: { id: true }, take }).then(ids),
      remove: (batch) =>
        db.refreshTokenFamily.deleteMany({ where: { id: { in: batch }, ...family } }).then((r) => r.count),
    },
    revokedAccessTokens: {
      find: (take) =>
        db.revokedAccessToken
          .findMany({ where: deniedToken, select: { jti: true }, take })
          .then((rows) => rows.map((row) => row.jti)),
      remove: (batch) =>
        db.revokedAccessToken
          .deleteMany({ where: { jti: { in: batch }, ...deniedToken } })
          .then((r) => r.count),
    },
    rateLimits: {
      find: (take) =>
        db.rateLimit
          .findMany({ where: rateLimit, select: { key: true }, take })
          .then((rows) => rows.map((row) => row.key)),
      remove: (batch) =>
        db.rateLimit.deleteMany({ where: { key: { in: batch }, ...rateLimit } }).then((r) => r.count),
    },
    authSessions: {
      find: (take) => db.session.findMany({ where: authSession, select: { id: true }, take }).then(ids),
      remove: (batch) =>
        db.session.deleteMany({ where: { id: { in: batch }, ...authSession } }).then((r) => r.count),
    },
    auditEvents: {
      find: (take) => db.auditEvent.findMany({ where: auditEvent, select: { id: true }, take }).then(ids),
      remove: (batch) =>
        db.auditEvent.deleteMany({ where: { id: { in: batch }, ...auditEvent } }).then((r) => r.count),
    },
  };
}

/**
 * Deletes expired and long-revoked credentials, stale rate-limit rows and audit events past
 * AUDIT_RETENTION_DAYS, kind by kind, batch by batch, until nothing is left or the time budget is
 * spent. Every limit is compared with one `now`, so a row that expires a second later stays.
 */
export async function purgeExpired(options: PurgeOptions = {}): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const started = performance.now();
  const removed = Object.fromEntries(PURGE_KINDS.map((kind) => [kind, 0])) as Record<PurgeKind, number>;
  const all = targets(now);
  let complete = true;

  kinds: for (const kind of PURGE_KINDS) {
    const target = all[kind];
    for (;;) {
      if (performance.now() - started >= budgetMs) {
        complete = false;
        break kinds;
      }
      const batch = await target.find(batchSize);
      if (batch.length === 0) break;
      const count = await target.remove(batch);
      removed[kind] += count;
      options.onBatch?.(kind, count);
      if (batch.length < batchSize) break;
    }
  }

  const report = {
    now: now.toISOString(),
    removed,
    durationMs: Math.round(performance.now() - started),
    complete,
  };
  logger.info("housekeeping: purge", { ...report });
  return report;
}
