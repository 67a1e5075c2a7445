import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Key lifecycle: a key is created `active` (it signs), becomes `retiring` when a newer key takes
// over (it only verifies, until the last token it signed has expired), then `retired` (gone from
// the JWKS and refused). ASVS 11.1.x / RFC 8725 §3.5: keys have a bounded, recorded lifetime.
// Whether a key still verifies is decided from time here, at read time, so every read (the
// JWKS, the verification cache, the dashboard) agrees without writing; the `retired` status is
// recorded when keys are rotated (./signing.ts).

export type KeyStatus = "active" | "retiring" | "retired";

/** The public columns of a signing key: everything but the private key. */
export type PublicKeyRow = {
  kid: string;
  algorithm: string;
  publicJwk: string;
  status: string;
  createdAt: Date;
  retiringAt: Date | null;
};

/** How long a retiring key keeps verifying: the longest an access token it signed can live. */
export function retiringGraceMs(): number {
  return (env.JWT_ACCESS_TTL + env.JWT_CLOCK_SKEW) * 1000;
}

/** Null while active (no end yet); for a retiring key, the instant it stops verifying. */
export function verifiesUntil(row: Pick<PublicKeyRow, "status" | "createdAt" | "retiringAt">): Date | null {
  if (row.status !== "retiring") return null;
  return new Date((row.retiringAt ?? row.createdAt).getTime() + retiringGraceMs());
}

/**
 * The keys that verify tokens at `now`, newest first: active ones, and retiring ones within
 * their grace. Public columns only: the private key never leaves the row for a read.
 */
export async function findVerifyingKeys(now: Date = new Date()): Promise<PublicKeyRow[]> {
  const rows = await db.signingKey.findMany({
    where: { status: { in: ["active", "retiring"] } },
    orderBy: [{ createdAt: "desc" }, { kid: "asc" }],
    select: { kid: true, algorithm: true, publicJwk: true, status: true, createdAt: true, retiringAt: true },
  });
  return rows.filter((row) => {
    const until = verifiesUntil(row);
    return until === null || until > now;
  });
}
