import "server-only";
import { db } from "@/lib/db";

// Read models of JWT sign-ins for the pages (the /jwt history, the dashboard, the sessions
// page). They never select a token hash.

export type FamilyHistory = {
  id: string;
  createdAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  tokens: {
    id: string;
    parentId: string | null;
    issuedAt: Date;
    usedAt: Date | null;
    expiresAt: Date;
    revokedAt: Date | null;
    revokedReason: string | null;
  }[];
};

/** A family and its rotation chain, oldest first (never hashes), for the signed-in page. */
export async function readFamilyHistory(familyId: string, userId: string): Promise<FamilyHistory | null> {
  return db.refreshTokenFamily.findFirst({
    where: { id: familyId, userId },
    select: {
      id: true,
      createdAt: true,
      absoluteExpiresAt: true,
      revokedAt: true,
      revokedReason: true,
      tokens: {
        orderBy: { issuedAt: "asc" },
        take: 50,
        select: {
          id: true,
          parentId: true,
          issuedAt: true,
          usedAt: true,
          expiresAt: true,
          revokedAt: true,
          revokedReason: true,
        },
      },
    },
  });
}

export type ActiveTokenFamily = {
  id: string;
  createdAt: Date;
  absoluteExpiresAt: Date;
  lastRotatedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

/** A user's live JWT sign-ins (families neither revoked nor past their absolute expiry). */
export async function listUserTokenFamilies(userId: string, now = new Date()): Promise<ActiveTokenFamily[]> {
  const families = await db.refreshTokenFamily.findMany({
    where: { userId, revokedAt: null, absoluteExpiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      absoluteExpiresAt: true,
      ipAddress: true,
      userAgent: true,
      tokens: { orderBy: { issuedAt: "desc" }, take: 1, select: { issuedAt: true, expiresAt: true } },
    },
  });
  return families
    .filter((family) => (family.tokens[0]?.expiresAt ?? now) > now)
    .map(({ tokens, ...family }) => ({ ...family, lastRotatedAt: tokens[0]?.issuedAt ?? family.createdAt }));
}
