import "server-only";
import { findVerifyingKeys, type KeyStatus } from "./store";

export type KeyStatusView = { kid: string; algorithm: string; status: KeyStatus; createdAt: Date };

/** The keys that verify now and their status, for the dashboard (no key material). */
export async function listVerifyingKeys(now: Date = new Date()): Promise<KeyStatusView[]> {
  return (await findVerifyingKeys(now)).map(({ kid, algorithm, status, createdAt }) => ({
    kid,
    algorithm,
    status: status as KeyStatus,
    createdAt,
  }));
}
