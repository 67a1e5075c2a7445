import "server-only";
import { db, joinedUser, readRows, requiredDate, type Row, textOrNull, toDate } from "@/lib/db";
import type { NewServerSession, ServerSessionRecord, SessionStore, StoredSession } from "./session-store";

/** The columns a ServerSessionRecord carries (never the token hash). */
const recordFields = {
  id: true,
  userId: true,
  createdAt: true,
  lastSeenAt: true,
  idleExpiresAt: true,
  absoluteExpiresAt: true,
  ipAddress: true,
  userAgent: true,
} as const;

// The per-request read: the session and its user in one round trip, through the driver's
// prepared statement (lib/db/driver.ts: the ORM call cost ~100x the query). Same SQL on both
// engines; expiry is compared in JavaScript.
const FIND_WITH_USER = `
  SELECT s."id", s."userId", s."createdAt", s."lastSeenAt", s."idleExpiresAt",
         s."absoluteExpiresAt", s."ipAddress", s."userAgent", s."revokedAt",
         u."email", u."name", u."image", u."disabledAt"
  FROM "server_sessions" s JOIN "users" u ON u."id" = s."userId"
  WHERE s."tokenHash" = ?`;

function storedSession(row: Row): StoredSession {
  const userId = String(row.userId);
  return {
    id: String(row.id),
    userId,
    createdAt: requiredDate(row.createdAt),
    lastSeenAt: requiredDate(row.lastSeenAt),
    idleExpiresAt: requiredDate(row.idleExpiresAt),
    absoluteExpiresAt: requiredDate(row.absoluteExpiresAt),
    ipAddress: textOrNull(row.ipAddress),
    userAgent: textOrNull(row.userAgent),
    revokedAt: toDate(row.revokedAt),
    user: joinedUser(row, userId),
  };
}

/** Session mode's storage in the app's database (the default backend). */
export const databaseSessionStore: SessionStore = {
  async insert(session: NewServerSession): Promise<ServerSessionRecord> {
    const now = session.createdAt;
    // Housekeeping on the write path: this user's expired rows go (others' on their next visit).
    await db.serverSession.deleteMany({
      where: {
        userId: session.userId,
        OR: [{ absoluteExpiresAt: { lte: now } }, { idleExpiresAt: { lte: now } }],
      },
    });
    return db.serverSession.create({ data: { ...session, lastSeenAt: now }, select: recordFields });
  },

  async findWithUser(tokenHash) {
    const [row] = await readRows(FIND_WITH_USER, [tokenHash]);
    return row ? storedSession(row) : null;
  },

  async findRef(tokenHash) {
    return db.serverSession.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
  },

  async touch(id, lastSeenAt, idleExpiresAt) {
    await db.serverSession.updateMany({ where: { id }, data: { lastSeenAt, idleExpiresAt } });
  },

  async remove(id) {
    await db.serverSession.deleteMany({ where: { id } });
  },

  async listLive(userId, now) {
    return db.serverSession.findMany({
      where: { userId, revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
      orderBy: { lastSeenAt: "desc" },
      select: recordFields,
    });
  },
};
