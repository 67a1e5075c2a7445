import "server-only";
import { ok, type Result } from "@/lib/core/result";
import { recordAuditEvent } from "@/lib/audit";
import { generateToken, hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { revokeCredential } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { ROTATION_GRACE_MS } from "./config";

// Refresh tokens (RFC 9700 §4.14): an opaque 256-bit random value, stored only as its SHA-256
// (ASVS 9.1.x), one family per sign-in. Every use rotates it; a used token presented again means
// two parties hold it, so the whole family is revoked (§4.14.2 reuse detection).

/** Refresh tokens are 43 base64url characters; anything far off that is refused unread. */
const MAX_REFRESH_TOKEN_LENGTH = 256;

export type IssuedRefreshToken = {
  token: string;
  familyId: string;
  /** When this token stops working if unused (idle expiry, capped by the family's absolute expiry). */
  expiresAt: Date;
  familyExpiresAt: Date;
};

export type RefreshFailure =
  | "invalid"
  | "expired"
  | "revoked"
  /** The token had already been used: the family is now revoked. */
  | "reused"
  /**
   * Cookie paths only: the token was rotated moments ago by a concurrent request of the same
   * browser (within ROTATION_GRACE_MS, its successor still unused). Nothing was revoked.
   */
  | "superseded"
  | "user_inactive";

export type RotationResult = Result<
  { user: { id: string; email: string; name: string | null }; refresh: IssuedRefreshToken },
  RefreshFailure
>;

function tokenExpiry(now: Date, familyExpiresAt: Date): Date {
  const idle = new Date(now.getTime() + env.JWT_REFRESH_IDLE_TTL * 1000);
  return idle < familyExpiresAt ? idle : familyExpiresAt;
}

/** Starts a family for a fresh sign-in and issues its first refresh token. */
export async function issueRefreshFamily(
  userId: string,
  context: RequestContext,
): Promise<IssuedRefreshToken> {
  const now = new Date();
  const familyExpiresAt = new Date(now.getTime() + env.JWT_REFRESH_ABSOLUTE_TTL * 1000);
  const token = generateToken();
  const expiresAt = tokenExpiry(now, familyExpiresAt);
  const family = await db.refreshTokenFamily.create({
    data: {
      userId,
      createdAt: now,
      absoluteExpiresAt: familyExpiresAt,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
      tokens: { create: { tokenHash: hashToken(token), userId, issuedAt: now, expiresAt } },
    },
    select: { id: true },
  });
  return { token, familyId: family.id, expiresAt, familyExpiresAt };
}

/** Cheap shape check before any lookup (ASVS 9.1.x: bound the input first). */
export function isPlausibleRefreshToken(token: unknown): token is string {
  return typeof token === "string" && token.length > 0 && token.length <= MAX_REFRESH_TOKEN_LENGTH;
}

export type RotationOptions = {
  /**
   * The browser cookie paths set this: a used token within ROTATION_GRACE_MS whose successor is
   * unused answers "superseded" instead of revoking the family. Off for the Bearer API.
   */
  allowSuperseded?: boolean;
  now?: Date;
};

/**
 * Exchanges a refresh token for a new one. The old token is marked used by a conditional
 * update (`usedAt: null` in the WHERE) inside the transaction that creates its successor, so of
 * any number of concurrent requests with one token exactly one matches the row; every other
 * one finds it used and is treated as reuse (or, with `allowSuperseded`, possibly superseded).
 */
export async function rotateRefreshToken(
  presented: unknown,
  context: RequestContext,
  options: RotationOptions = {},
): Promise<RotationResult> {
  if (!isPlausibleRefreshToken(presented)) return { ok: false, reason: "invalid" };
  const now = options.now ?? new Date();
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(presented) },
    select: {
      id: true,
      familyId: true,
      userId: true,
      usedAt: true,
      expiresAt: true,
      revokedAt: true,
      family: { select: { absoluteExpiresAt: true, revokedAt: true } },
      user: { select: { id: true, email: true, name: true, disabledAt: true } },
    },
  });
  if (!row) return { ok: false, reason: "invalid" };
  if (row.family.revokedAt || row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.usedAt) return usedTokenPresented(row, context, now, options);
  const family = { kind: "refresh_family", id: row.familyId, userId: row.userId } as const;
  if (row.expiresAt <= now || row.family.absoluteExpiresAt <= now) {
    await revokeCredential(family, "expired", context);
    return { ok: false, reason: "expired" };
  }
  if (row.user.disabledAt) {
    await revokeCredential(family, "user_disabled", context);
    return { ok: false, reason: "user_inactive" };
  }

  const token = generateToken();
  const expiresAt = tokenExpiry(now, row.family.absoluteExpiresAt);
  const rotated = await db.$transaction(async (tx) => {
    // RFC 9700 §4.14.2: one use per token, decided by the database, not by the read above.
    const claimed = await tx.refreshToken.updateMany({
      where: { id: row.id, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    await tx.refreshToken.create({
      data: {
        tokenHash: hashToken(token),
        familyId: row.familyId,
        parentId: row.id,
        userId: row.userId,
        issuedAt: now,
        expiresAt,
      },
    });
    return true;
  });
  if (!rotated) return usedTokenPresented(row, context, now, options);

  await recordAuditEvent({
    type: "token.refreshed",
    mode: "jwt",
    userId: row.userId,
    context,
    detail: { familyId: row.familyId },
  });
  return ok({
    user: { id: row.user.id, email: row.user.email, name: row.user.name },
    refresh: { token, familyId: row.familyId, expiresAt, familyExpiresAt: row.family.absoluteExpiresAt },
  });
}

type PresentedRow = { id: string; familyId: string; userId: string };

async function usedTokenPresented(
  row: PresentedRow,
  context: RequestContext,
  now: Date,
  options: RotationOptions,
): Promise<RotationResult> {
  if (options.allowSuperseded && (await isSupersededWithinGrace(row.id, now))) {
    // Not reuse: no revocation and no token.reuse_detected (that event means a stolen copy).
    logger.info("jwt: refresh superseded by a concurrent request", { familyId: row.familyId });
    return { ok: false, reason: "superseded" };
  }
  return reuseDetected(row, context);
}

/**
 * Read after the failed claim, so it sees the winner's committed row: the token was used less
 * than ROTATION_GRACE_MS ago, its successor exists and is itself unused and unrevoked, and the
 * family is live. A successor already used means the chain moved on: the presenter is stale or
 * a thief, and that stays reuse even within the window.
 */
async function isSupersededWithinGrace(tokenId: string, now: Date): Promise<boolean> {
  const current = await db.refreshToken.findUnique({
    where: { id: tokenId },
    select: {
      usedAt: true,
      revokedAt: true,
      family: { select: { revokedAt: true } },
      child: { select: { usedAt: true, revokedAt: true } },
    },
  });
  if (!current?.usedAt || current.revokedAt || current.family.revokedAt) return false;
  if (now.getTime() - current.usedAt.getTime() >= ROTATION_GRACE_MS) return false;
  return current.child !== null && current.child.usedAt === null && current.child.revokedAt === null;
}

async function reuseDetected(row: PresentedRow, context: RequestContext): Promise<RotationResult> {
  // Either the legitimate client or an attacker holds a copy; we cannot tell which, so the
  // whole family ends, including the newest token (RFC 9700 §4.14.2). Audited by revocation.
  await revokeCredential(
    { kind: "refresh_family", id: row.familyId, userId: row.userId },
    "reuse_detected",
    context,
  );
  return { ok: false, reason: "reused" };
}
