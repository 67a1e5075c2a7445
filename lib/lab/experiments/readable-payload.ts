import "server-only";
import { type LabContext, signInJwt, signInSession } from "../context";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

/** Base64url text as bytes, with no key and no library: what anyone can do. */
function decodeSegment(segment: string): Buffer {
  return Buffer.from(segment, "base64url");
}

function parsesAsJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

async function run(lab: LabContext) {
  lab.step("Signing in with JWT mode to get a real access token");
  const jwt = await signInJwt(lab);
  const [header = "", payload = "", signature = ""] = jwt.pair.access.token.split(".");

  lab.step("Decoding the token's payload with base64url alone: no key");
  const claims = JSON.parse(decodeSegment(payload).toString("utf8")) as Record<string, unknown>;
  const readable = claims.email === lab.user.email;

  lab.step("Signing in with session mode to get a real sealed cookie");
  const { cookie } = await signInSession(lab);
  const sealed = cookie.value;
  // iron's seal: Fe26.2*id*salt*iv*ciphertext*expiry*hmac-salt*hmac~2 (lib/session/cookie.ts).
  const ciphertext = decodeSegment(sealed.split("*")[4] ?? "");

  lab.step("Decoding the seal's ciphertext the same way and looking for anything readable");
  const sealReadable =
    parsesAsJson(ciphertext) ||
    ciphertext.includes(Buffer.from(lab.user.email)) ||
    ciphertext.includes(Buffer.from(lab.user.id));

  const holds = readable && !sealReadable;
  return {
    verdict: holds ? "holds" : "does_not_hold",
    headline: `JWT claims readable without a key: ${readable ? "yes" : "no"}; sealed session cookie readable: ${sealReadable ? "yes" : "no"}`,
    measurements: [
      { label: "JWT claims decoded without a key", value: String(Object.keys(claims).length) },
      { label: "JWT payload names the user's email", value: readable ? "yes" : "no" },
      {
        label: "JWT signature (needed to trust, not to read)",
        value: `${decodeSegment(signature).length} B`,
      },
      { label: "Seal ciphertext", value: `${ciphertext.length} B` },
      { label: "Seal decodes to JSON, the email or the user id", value: sealReadable ? "yes" : "no" },
    ],
    data: {
      // The signature is left out: the page decodes without it, and the token cannot be replayed.
      jwtHeaderSegment: header,
      jwtPayloadSegment: payload,
      sealedCookie: sealed,
    },
  } as const;
}

export const readablePayloadExperiment: Experiment = {
  slug: "readable-payload",
  number: 5,
  title: "Readable payload",
  claim: "Anyone who holds a JWT can read what is inside it; a sealed session cookie shows nothing.",
  explanation: [
    "A JWS is base64url-encoded JSON plus a signature (RFC 7515 §3): the signature proves who issued the claims, it does not hide them. Your browser decodes this run's token below with no key at all, so whatever goes into claims (email, roles, internal ids) is visible to anyone who sees the token: browser extensions, logs, proxies.",
    "Session mode's cookie is an iron seal: AES-256-CBC encryption plus an HMAC, and inside it only a random token whose hash keys the server's row (ASVS 5.0 V7: the server decides). Decoding its segments yields ciphertext.",
    "If claims must stay private, encrypt them (JWE) or keep them on the server; OWASP's JWT cheat sheet recommends against putting sensitive data in a JWS at all.",
  ],
  standards: [STANDARDS.rfc7515, STANDARDS.rfc7519, STANDARDS.owaspJwt, STANDARDS.asvsV7],
  run,
};
