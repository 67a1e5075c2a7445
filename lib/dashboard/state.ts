import "server-only";
import { listUserApiKeys } from "@/lib/apikey/store";
import { db } from "@/lib/db";
import type { Identity } from "@/lib/identity";
import { listVerifyingKeys } from "@/lib/jwt/keys/status";
import { identityFingerprint } from "./fingerprint";

export type DashboardState = {
  modes: Record<string, unknown>;
  jwtFamilyRevoked: string | null;
  keys: { kid: string; status: string }[];
  /** The user's live API keys and their use, so a key made, used or revoked elsewhere shows. */
  apiKeys: { id: string; useCount: number; lastUsedAt: string | null }[];
};

/**
 * What the dashboard's change feed hashes: who is signed in per mode and with which credential,
 * whether the JWT's family was revoked, which signing keys verify, and the user's API keys. A JWT's own check cannot
 * see its family being revoked (the point of stateless checks), but the dashboard shows it, so
 * the feed asks the database.
 */
export async function readDashboardState(identity: Identity): Promise<DashboardState> {
  const familyId = identity.modes.jwt?.credential.familyId;
  const [family, keys, apiKeys] = await Promise.all([
    familyId
      ? db.refreshTokenFamily.findUnique({ where: { id: familyId }, select: { revokedAt: true } })
      : null,
    familyId ? listVerifyingKeys() : [],
    identity.user ? listUserApiKeys(identity.user.id) : [],
  ]);
  return {
    modes: identityFingerprint(identity),
    jwtFamilyRevoked: family?.revokedAt?.toISOString() ?? null,
    keys: keys.map(({ kid, status }) => ({ kid, status })),
    apiKeys: apiKeys.map(({ id, useCount, lastUsedAt }) => ({
      id,
      useCount,
      lastUsedAt: lastUsedAt?.toISOString() ?? null,
    })),
  };
}
