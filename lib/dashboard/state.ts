import "server-only";
import { db } from "@/lib/db";
import type { Identity } from "@/lib/identity";
import { listVerifyingKeys } from "@/lib/jwt/keys/status";
import { identityFingerprint } from "./fingerprint";

export type DashboardState = {
  modes: Record<string, unknown>;
  jwtFamilyRevoked: string | null;
  keys: { kid: string; status: string }[];
};

/**
 * What the dashboard's change feed hashes: who is signed in per mode and with which credential,
 * whether the JWT's family was revoked, and which signing keys verify. A JWT's own check cannot
 * see its family being revoked (the point of stateless checks), but the dashboard shows it, so
 * the feed asks the database.
 */
export async function readDashboardState(identity: Identity): Promise<DashboardState> {
  const familyId = identity.modes.jwt?.credential.familyId;
  const [family, keys] = familyId
    ? await Promise.all([
        db.refreshTokenFamily.findUnique({ where: { id: familyId }, select: { revokedAt: true } }),
        listVerifyingKeys(),
      ])
    : [null, []];
  return {
    modes: identityFingerprint(identity),
    jwtFamilyRevoked: family?.revokedAt?.toISOString() ?? null,
    keys: keys.map(({ kid, status }) => ({ kid, status })),
  };
}
