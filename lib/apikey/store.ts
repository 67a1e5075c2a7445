import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import type { IdentityUser } from "@/lib/core/identity";
import { fail, ok, type Result } from "@/lib/core/result";
import { db, joinedUser, readRows, type Row, textOrNull, toDate } from "@/lib/db";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/security/request";
import { generateApiKey } from "./format";
import { type ApiKeyScope, parseScopes } from "./scopes";

/** An API key as lists show it: never its hash, and never the key (which nobody has but its owner). */
export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  useCount: number;
};

const viewFields = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  useCount: true,
} as const;

function toView(row: Omit<ApiKeyView, "scopes"> & { scopes: string }): ApiKeyView {
  return { ...row, scopes: parseScopes(row.scopes) };
}

/** The user's keys that still work (not revoked, not expired), newest first. */
export async function listUserApiKeys(userId: string, now = new Date()): Promise<ApiKeyView[]> {
  const rows = await db.apiKey.findMany({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: viewFields,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

export type NewApiKeyInput = { name: string; scopes: ApiKeyScope[]; expiresAt: Date | null };

/**
 * Makes a key and returns it with its row: the only time the key exists outside its owner's hands
 * (shown once; only its SHA-256 is stored). At most API_KEYS_PER_USER live keys per user, counted
 * in the same transaction as the insert, under the user's row lock.
 */
export async function createApiKey(
  userId: string,
  input: NewApiKeyInput,
  context: RequestContext,
  now = new Date(),
): Promise<Result<{ key: string; view: ApiKeyView }, "limit_reached">> {
  const { key, prefix, hash } = generateApiKey();
  const created = await db.$transaction(async (tx) => {
    // Locks the user's row first (a no-op update: PostgreSQL's row lock, SQLite's write lock), so
    // parallel creations count one after another and the limit holds exactly.
    await tx.$executeRaw`UPDATE "users" SET "id" = "id" WHERE "id" = ${userId}`;
    const live = await tx.apiKey.count({
      where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (live >= env.API_KEYS_PER_USER) return null;
    return tx.apiKey.create({
      data: {
        userId,
        name: input.name,
        prefix,
        hash,
        scopes: input.scopes.join(" "),
        expiresAt: input.expiresAt,
      },
      select: viewFields,
    });
  });
  if (!created) return fail("limit_reached");
  await recordAuditEvent({
    type: "api_key.created",
    mode: "apikey",
    userId,
    context,
    detail: { keyId: created.id, prefix, name: input.name, scopes: input.scopes },
  });
  return ok({ key, view: toView(created) });
}

/** What the per-request check needs: the key's row (hash included) and its user. */
export type StoredApiKey = {
  id: string;
  userId: string;
  prefix: string;
  hash: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedIp: string | null;
  user: IdentityUser & { disabledAt: Date | null };
};

// The per-request read: the key by its prefix (a unique index) and its user, in one round trip
// through the driver's prepared statement (lib/db/driver.ts). Expiry is compared in JavaScript.
const FIND_BY_PREFIX = `
  SELECT k."id", k."userId", k."prefix", k."hash", k."scopes", k."expiresAt", k."revokedAt",
         k."lastUsedIp", u."email", u."name", u."image", u."disabledAt"
  FROM "api_keys" k JOIN "users" u ON u."id" = k."userId"
  WHERE k."prefix" = ?`;

function storedApiKey(row: Row): StoredApiKey {
  const userId = String(row.userId);
  return {
    id: String(row.id),
    userId,
    prefix: String(row.prefix),
    hash: String(row.hash),
    scopes: parseScopes(String(row.scopes)),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    lastUsedIp: textOrNull(row.lastUsedIp),
    user: joinedUser(row, userId),
  };
}

export async function findApiKeyByPrefix(prefix: string): Promise<StoredApiKey | null> {
  const [row] = await readRows(FIND_BY_PREFIX, [prefix]);
  return row ? storedApiKey(row) : null;
}
