import "server-only";
import { compactVerify, createRemoteJWKSet } from "jose";
import { z } from "zod";

// Auth.js (oauth4webapi) checks an ID token's claims (iss, aud, exp, iat, nonce, alg not none)
// but not its signature when the token comes straight from the token endpoint: OpenID Connect
// Core 3.1.3.7 lets TLS stand in for it. ASVS 5.0 6.8.2 asks that signatures on assertions are
// always validated, and a local or misconfigured issuer may be plain HTTP. So every OIDC
// provider's token response passes through here first: the ID token's JWS signature is checked
// against the issuer's published JWKS, with asymmetric algorithms only (RFC 8725 §3.1: no
// `none`, no HMAC keyed by a client secret the provider shares with others). Claims stay
// Auth.js's job, checked right after.

const ASYMMETRIC_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
];

const metadataSchema = z.object({ jwks_uri: z.url() });
const tokenResponseSchema = z.object({ id_token: z.string().min(1).max(16_384) });

/** The issuer's key set (jose refetches it when a token names a key it has not seen). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

async function keySetOf(issuer: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
  const known = keySets.get(issuer);
  if (known) return known;
  const discovery = new URL(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  const response = await fetch(discovery, { headers: { accept: "application/json" }, redirect: "error" });
  if (!response.ok) throw new Error(`oauth: the issuer's metadata answered ${response.status}`);
  const { jwks_uri: jwksUri } = metadataSchema.parse(await response.json());
  const keySet = createRemoteJWKSet(new URL(jwksUri));
  keySets.set(issuer, keySet);
  return keySet;
}

/**
 * Auth.js's `token.conform` hook for an OIDC provider at `issuer`: refuses (throws, so the
 * callback ends on the error page) a token response whose ID token is not signed by one of the
 * issuer's published keys. A response without an ID token passes on: Auth.js refuses that itself.
 */
export function verifyIdTokenSignature(issuer: string): (response: Response) => Promise<Response> {
  return async (response) => {
    const body = tokenResponseSchema.safeParse(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    if (body.success) {
      await compactVerify(body.data.id_token, await keySetOf(issuer), { algorithms: ASYMMETRIC_ALGORITHMS });
    }
    return response;
  };
}
