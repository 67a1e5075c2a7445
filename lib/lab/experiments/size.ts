import "server-only";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { currentSigningKey } from "@/lib/jwt/keys/signing";
import { type LabContext, sentCookie, signInJwt, signInOAuth, signInSession } from "../context";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

/** Browsers keep a cookie's name and value up to this many bytes (RFC 6265 §6.1's minimum). */
const COOKIE_LIMIT = 4096;
const CLAIM_COUNTS = [0, 1, 2, 4, 8, 16, 32] as const;

/** One typical extra claim: a role name of the kind applications add to access tokens. */
function extraClaims(count: number): Record<string, string> {
  const claims: Record<string, string> = {};
  for (let i = 1; i <= count; i++) claims[`role_${String(i).padStart(2, "0")}`] = "support-agent";
  return claims;
}

/**
 * The real access token, signed again with the server's current signing key and 1, 2, 4 … 32
 * extra claims: what each claim costs on every request.
 */
async function claimGrowth(token: string): Promise<{ claims: number; bytes: number }[]> {
  const key = await currentSigningKey();
  const header = decodeProtectedHeader(token);
  const payload = decodeJwt(token);
  const sizes: { claims: number; bytes: number }[] = [];
  for (const count of CLAIM_COUNTS) {
    const signed = await new SignJWT({ ...payload, ...extraClaims(count) })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: header.typ })
      .sign(key.privateKey);
    sizes.push({ claims: count, bytes: Buffer.byteLength(signed) });
  }
  return sizes;
}

async function run(lab: LabContext) {
  lab.step("Signing in with session mode (password check, session row, sealed cookie)");
  const session = sentCookie((await signInSession(lab)).cookie);
  lab.step(`Session cookie measured: ${session.bytes} bytes`);

  lab.step("Signing in with JWT mode (password check, refresh family, ES256 access token)");
  const jwt = await signInJwt(lab);
  const access = sentCookie(jwt.access);
  const refresh = sentCookie(jwt.refresh);
  lab.step(`JWT access cookie measured: ${access.bytes} bytes`);

  lab.step("Creating an Auth.js database session through the adapter");
  const oauth = (await signInOAuth(lab)).cookie;
  lab.step(`Auth.js session cookie measured: ${oauth.bytes} bytes`);

  lab.step("Signing the access token again with 1, 2, 4, 8, 16 and 32 extra claims");
  const growth = await claimGrowth(jwt.pair.access.token);
  const base = growth[0]!.bytes;
  const last = growth.at(-1)!;
  const perClaim = (last.bytes - base) / last.claims;
  const cookieOverhead = access.bytes - Buffer.byteLength(jwt.pair.access.token);
  const claimsToLimit = Math.floor((COOKIE_LIMIT - access.bytes) / perClaim);

  const jwtLarger = access.bytes > session.bytes;
  return {
    verdict: jwtLarger ? "holds" : "does_not_hold",
    headline: `Per request: JWT cookie ${access.bytes} B, sealed session cookie ${session.bytes} B, Auth.js session cookie ${oauth.bytes} B`,
    measurements: [
      { label: "Session cookie (sealed token), every request", value: `${session.bytes} B` },
      { label: "JWT access cookie, every request", value: `${access.bytes} B` },
      { label: "JWT refresh cookie, only to /api/jwt/refresh", value: `${refresh.bytes} B` },
      { label: "Auth.js session cookie, every request", value: `${oauth.bytes} B` },
      ...growth.map((entry) => ({
        label: `JWT with ${entry.claims} extra claim${entry.claims === 1 ? "" : "s"}`,
        value: `${entry.bytes + cookieOverhead} B as a cookie`,
      })),
      { label: "Each extra claim adds", value: `${perClaim.toFixed(1)} B` },
      {
        label: `Extra claims until the ${COOKIE_LIMIT}-byte cookie limit`,
        value: String(claimsToLimit),
      },
    ],
    data: {
      jwtCookieBytes: String(access.bytes),
      sessionCookieBytes: String(session.bytes),
      oauthCookieBytes: String(oauth.bytes),
    },
  } as const;
}

export const sizeExperiment: Experiment = {
  slug: "size",
  number: 3,
  title: "Credential size",
  claim: "A JWT makes every request larger than a session cookie does.",
  explanation: [
    "A session cookie carries a reference: here a random 256-bit token sealed with iron (AES-256-CBC and an HMAC), or Auth.js's bare random id (authlab makes it 256 bits; Auth.js's default is a UUID). A JWT carries its claims and a signature, base64url-encoded, so it grows with every claim an application adds.",
    "Browsers store a cookie's name and value up to about 4096 bytes (RFC 6265 §6.1 sets that as the minimum they must support); a JWT cookie past it is silently dropped, and every byte travels on every request to the cookie's path.",
    "The JWT's refresh cookie is scoped to one path (RFC 9700 §4.14), so it does not add to ordinary requests.",
  ],
  standards: [STANDARDS.rfc6265, STANDARDS.rfc7519, STANDARDS.owaspJwt],
  run,
};
