import "server-only";
import { withRedis } from "./client";

// Session mode's records in Redis (REDIS_URL), as plain string fields; lib/session/redis-store.ts
// maps them to the SessionStore types, lib/revocation ends them. Layout, under one prefix:
//
//   authlab:session:<token hash>     hash: the session, its user, and revokedAt once revoked;
//                                    expires with the session (min of idle and absolute expiry)
//   authlab:session-id:<id>          the token hash of session <id> (revoke, touch, remove by id)
//   authlab:user-sessions:<user id>  set of the user's live session ids (listing, sign out everywhere)
//
// Every change that touches several keys is one Lua script: Redis runs it atomically, so a revoked
// session can never be read back as live, and a failure leaves nothing half-written. The scripts
// build key names from the prefix, so all keys must live on one Redis (no Cluster).

export const PREFIX = "authlab:";
const sessionKey = (tokenHash: string) => `${PREFIX}session:${tokenHash}`;
const idKey = (id: string) => `${PREFIX}session-id:${id}`;
export const userSessionsKey = (userId: string) => `${PREFIX}user-sessions:${userId}`;

/** The fields of a session hash (dates as epoch milliseconds, absent values as ""). */
export type RedisSessionFields = Record<string, string>;

// KEYS: session, session-id, user-sessions. ARGV: expires-at ms, user set ttl ms, id, token
// hash, then the fields as name, value pairs. The user's set lives as long as its newest session can.
const INSERT = `
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[4], 'PXAT', ARGV[1])
redis.call('SADD', KEYS[3], ARGV[3])
if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
return 1`;

// KEYS: session-id. ARGV: prefix, last seen ms, idle expiry ms (also the keys' new expiry).
const TOUCH = `
local hash = redis.call('GET', KEYS[1])
if not hash then return 0 end
local key = ARGV[1] .. 'session:' .. hash
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'revokedAt') == 1 then return 0 end
redis.call('HSET', key, 'lastSeenAt', ARGV[2], 'idleExpiresAt', ARGV[3])
redis.call('PEXPIREAT', key, ARGV[3])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1`;

// KEYS: session-id. ARGV: prefix, id.
const REMOVE = `
local hash = redis.call('GET', KEYS[1])
if not hash then return 0 end
local key = ARGV[1] .. 'session:' .. hash
local userId = redis.call('HGET', key, 'userId')
if userId then redis.call('SREM', ARGV[1] .. 'user-sessions:' .. userId, ARGV[2]) end
redis.call('DEL', key, KEYS[1])
return 1`;

// KEYS: session-id. ARGV: prefix, id, user id, revoked at ms, reason.
const REVOKE = `
local hash = redis.call('GET', KEYS[1])
if not hash then return 0 end
local key = ARGV[1] .. 'session:' .. hash
if redis.call('HGET', key, 'userId') ~= ARGV[3] then return 0 end
if redis.call('HEXISTS', key, 'revokedAt') == 1 then return 0 end
redis.call('HSET', key, 'revokedAt', ARGV[4], 'revokedReason', ARGV[5])
redis.call('SREM', ARGV[1] .. 'user-sessions:' .. ARGV[3], ARGV[2])
return 1`;

// KEYS: user-sessions. ARGV: prefix, id to keep ("" for none), revoked at ms, reason.
export const REVOKE_ALL_SCRIPT = `
local ended = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local hash = redis.call('GET', ARGV[1] .. 'session-id:' .. id)
  local key = hash and (ARGV[1] .. 'session:' .. hash)
  if not key or redis.call('EXISTS', key) == 0 then
    redis.call('SREM', KEYS[1], id)
  elseif id ~= ARGV[2] and redis.call('HEXISTS', key, 'revokedAt') == 0 then
    redis.call('HSET', key, 'revokedAt', ARGV[3], 'revokedReason', ARGV[4])
    redis.call('SREM', KEYS[1], id)
    table.insert(ended, id)
  end
end
return ended`;

// KEYS: user-sessions. ARGV: prefix. Each live member's fields; members that expired are dropped.
const LIST = `
local sessions = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local hash = redis.call('GET', ARGV[1] .. 'session-id:' .. id)
  local fields = hash and redis.call('HGETALL', ARGV[1] .. 'session:' .. hash) or {}
  if #fields == 0 then redis.call('SREM', KEYS[1], id) else table.insert(sessions, fields) end
end
return sessions`;

function pairsToFields(flat: string[]): RedisSessionFields {
  const fields: RedisSessionFields = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index]!] = flat[index + 1]!;
  return fields;
}

/**
 * Stores a session until `expiresAt` (the earlier of its idle and absolute expiry) and adds it
 * to its user's set, which lives as long as a session can (`maxLifetimeMs`).
 */
export async function insertRedisSession(
  tokenHash: string,
  fields: RedisSessionFields & { id: string; userId: string },
  expiresAt: Date,
  maxLifetimeMs: number,
): Promise<void> {
  const flat = Object.entries(fields).flat();
  await withRedis((client) =>
    client.eval(
      INSERT,
      3,
      sessionKey(tokenHash),
      idKey(fields.id),
      userSessionsKey(fields.userId),
      expiresAt.getTime(),
      maxLifetimeMs,
      fields.id,
      tokenHash,
      ...flat,
    ),
  );
}

/** The session behind a token hash (revoked ones included, until they expire): one round trip. */
export async function readRedisSession(tokenHash: string): Promise<RedisSessionFields | null> {
  const fields = await withRedis((client) => client.hgetall(sessionKey(tokenHash)));
  return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * Slides a live session's idle expiry (never past its absolute one: the caller's rule), and its
 * keys' expiry with it; a revoked or gone session is left alone.
 */
export async function touchRedisSession(id: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void> {
  await withRedis((client) =>
    client.eval(TOUCH, 1, idKey(id), PREFIX, lastSeenAt.getTime(), idleExpiresAt.getTime()),
  );
}

/** Deletes a session found expired. */
export async function removeRedisSession(id: string): Promise<void> {
  await withRedis((client) => client.eval(REMOVE, 1, idKey(id), PREFIX, id));
}

/** A user's live sessions' fields (revoked ones left the set when they were revoked). */
export async function listRedisSessions(userId: string): Promise<RedisSessionFields[]> {
  const rows = (await withRedis((client) =>
    client.eval(LIST, 1, userSessionsKey(userId), PREFIX),
  )) as string[][];
  return rows.map(pairsToFields);
}

/** Revokes one session if it is live and the user's: true when this call ended it. */
export async function revokeRedisSession(
  id: string,
  userId: string,
  revokedAt: Date,
  reason: string,
): Promise<boolean> {
  const ended = await withRedis((client) =>
    client.eval(REVOKE, 1, idKey(id), PREFIX, id, userId, revokedAt.getTime(), reason),
  );
  return ended === 1;
}
