import "server-only";
import { withRedis } from "./client";

// JWT mode's deny-list in Redis (REDIS_URL set; read when JWT_DENYLIST=1), so every instance
// refuses a revoked access token at once without a database read per request:
//
//   authlab:jwt-denied:<jti>          the token's owner; expires with the token (ASVS 7.4.1)
//   authlab:jwt-not-before:<user id>  epoch ms: the user's tokens issued before it are refused;
//                                     kept until every such token has expired (`ttlMs`)

const deniedKey = (jti: string) => `authlab:jwt-denied:${jti}`;
export const notBeforeKey = (userId: string) => `authlab:jwt-not-before:${userId}`;

/** Deny-lists a token until its exp: true when this call listed it (false: already listed). */
export async function denyAccessToken(jti: string, userId: string, expiresAt: Date): Promise<boolean> {
  // A token already past its exp needs no entry (and PXAT in the past would be refused).
  const at = Math.max(expiresAt.getTime(), Date.now() + 1_000);
  const listed = await withRedis((client) => client.set(deniedKey(jti), userId, "PXAT", at, "NX"));
  return listed === "OK";
}

/** Both checks in one round trip: is the jti listed, and the user's cut-off (if any). */
export async function readDenyList(
  jti: string,
  userId: string,
): Promise<{ revoked: boolean; notBefore: Date | null }> {
  const [denied, notBefore] = await withRedis((client) => client.mget(deniedKey(jti), notBeforeKey(userId)));
  return { revoked: denied !== null, notBefore: notBefore ? new Date(Number(notBefore)) : null };
}
