import "server-only";
import type { JWK } from "jose";
import { JWT_ALGORITHMS, type JwtAlgorithm } from "../config";

/** A public JWK with only public members: what verification and the JWKS use. */
export type PublicJwk = {
  kty: string;
  crv: string;
  x: string;
  y?: string;
  kid: string;
  alg: JwtAlgorithm;
  use: "sig";
};

export function isJwtAlgorithm(value: string): value is JwtAlgorithm {
  return (JWT_ALGORITHMS as readonly string[]).includes(value);
}

/** Copies only the public members, whatever the stored JSON holds (never d, p, q, dp, dq, qi). */
export function toPublicJwk(row: { kid: string; algorithm: string; publicJwk: string }): PublicJwk {
  const parsed = JSON.parse(row.publicJwk) as JWK;
  if (!isJwtAlgorithm(row.algorithm) || !parsed.kty || !parsed.crv || !parsed.x) {
    throw new Error(`signing key ${row.kid} has an unusable public key`);
  }
  return {
    kty: parsed.kty,
    crv: parsed.crv,
    x: parsed.x,
    ...(parsed.y ? { y: parsed.y } : {}),
    kid: row.kid,
    alg: row.algorithm,
    use: "sig",
  };
}
