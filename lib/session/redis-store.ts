import "server-only";
import { randomBytes } from "node:crypto";
import type { IdentityUser } from "@/lib/core/identity";
import { env } from "@/lib/env";
import {
  insertRedisSession,
  listRedisSessions,
  readRedisSession,
  type RedisSessionFields,
  removeRedisSession,
  touchRedisSession,
} from "@/lib/redis/sessions";
import type { NewServerSession, ServerSessionRecord, SessionStore, StoredSession } from "./session-store";

// Session mode's storage in Redis (REDIS_URL set): the per-request check is one HGETALL and no
// SQL, so several instances share sessions without a database read per request. The session
// carries a copy of its user (id, email, name, image) taken at sign-in; a disabled account's
// sessions are revoked with it (lib/auth/disable.ts), so the copy never serves a disabled user.

const time = (date: Date | null) => (date ? String(date.getTime()) : "");
const dateOf = (value: string | undefined) => (value ? new Date(Number(value)) : null);
const textOf = (value: string | undefined) => (value ? value : null);

function required(fields: RedisSessionFields, name: string): string {
  const value = fields[name];
  if (!value) throw new Error(`redis session: the ${name} field is missing`);
  return value;
}

function recordOf(fields: RedisSessionFields): ServerSessionRecord {
  return {
    id: required(fields, "id"),
    userId: required(fields, "userId"),
    createdAt: new Date(Number(required(fields, "createdAt"))),
    lastSeenAt: new Date(Number(required(fields, "lastSeenAt"))),
    idleExpiresAt: new Date(Number(required(fields, "idleExpiresAt"))),
    absoluteExpiresAt: new Date(Number(required(fields, "absoluteExpiresAt"))),
    ipAddress: textOf(fields.ipAddress),
    userAgent: textOf(fields.userAgent),
  };
}

function storedOf(fields: RedisSessionFields): StoredSession {
  const record = recordOf(fields);
  return {
    ...record,
    revokedAt: dateOf(fields.revokedAt),
    user: {
      id: record.userId,
      email: required(fields, "email"),
      name: textOf(fields.name),
      image: textOf(fields.image),
      disabledAt: null,
    },
  };
}

/** When the session's keys expire: its idle or absolute expiry, whichever comes first. */
const expiryOf = (idle: Date, absolute: Date) => new Date(Math.min(idle.getTime(), absolute.getTime()));

/** Session mode's storage in Redis, selected by REDIS_URL (./store.ts). */
export const redisSessionStore: SessionStore = {
  async insert(session: NewServerSession, user: IdentityUser): Promise<ServerSessionRecord> {
    const id = randomBytes(16).toString("hex");
    const record: ServerSessionRecord = {
      id,
      userId: session.userId,
      createdAt: session.createdAt,
      lastSeenAt: session.createdAt,
      idleExpiresAt: session.idleExpiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
    };
    await insertRedisSession(
      session.tokenHash,
      {
        id,
        userId: session.userId,
        createdAt: time(record.createdAt),
        lastSeenAt: time(record.lastSeenAt),
        idleExpiresAt: time(record.idleExpiresAt),
        absoluteExpiresAt: time(record.absoluteExpiresAt),
        ipAddress: record.ipAddress ?? "",
        userAgent: record.userAgent ?? "",
        email: user.email,
        name: user.name ?? "",
        image: user.image ?? "",
      },
      expiryOf(record.idleExpiresAt, record.absoluteExpiresAt),
      env.SESSION_ABSOLUTE_TIMEOUT * 1000,
    );
    return record;
  },

  async findWithUser(tokenHash) {
    const fields = await readRedisSession(tokenHash);
    return fields ? storedOf(fields) : null;
  },

  async findRef(tokenHash) {
    const fields = await readRedisSession(tokenHash);
    return fields ? { id: required(fields, "id"), userId: required(fields, "userId") } : null;
  },

  async touch(id, lastSeenAt, idleExpiresAt) {
    // ./store.ts never slides the idle expiry past the absolute one: the keys expire with it.
    await touchRedisSession(id, lastSeenAt, idleExpiresAt);
  },

  async remove(id) {
    await removeRedisSession(id);
  },

  async listLive(userId, now) {
    const live = (await listRedisSessions(userId))
      .map(storedOf)
      .filter(
        (session) => !session.revokedAt && session.idleExpiresAt > now && session.absoluteExpiresAt > now,
      );
    live.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
    return live.map(({ user: _user, revokedAt: _revoked, ...record }) => record);
  },
};
