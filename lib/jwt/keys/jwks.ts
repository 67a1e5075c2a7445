import "server-only";
import { toPublicJwk, type PublicJwk } from "./jwk";
import { findVerifyingKeys } from "./store";

/**
 * The public keys that verify tokens now (active + retiring within grace), for
 * /.well-known/jwks.json. A read only: a public GET never creates, rotates or retires a key, so
 * before the first sign-in the set is `{ "keys": [] }`.
 */
export async function publicJwks(now: Date = new Date()): Promise<{ keys: PublicJwk[] }> {
  return { keys: (await findVerifyingKeys(now)).map(toPublicJwk) };
}
