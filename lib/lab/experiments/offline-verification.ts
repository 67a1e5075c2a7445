import "server-only";
import { randomBytes } from "node:crypto";
import { decodeJwt, jwtVerify, SignJWT } from "jose";
import { publicJwks } from "@/lib/jwt/keys/jwks";
import { type LabContext, signInJwt } from "../context";
import { verifyOffline, VERIFIER_SOURCE } from "../offline-verifier";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

/** The token with its payload's subject replaced and the original signature kept. */
function withSubject(token: string, sub: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub })).toString("base64url")}.${signature}`;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

async function run(lab: LabContext) {
  lab.step("Signing in with JWT mode: a real ES256/EdDSA access token");
  const { pair } = await signInJwt(lab);
  const token = pair.access.token;
  const jwks = await publicJwks();

  lab.step("Starting a verifier process with an empty environment: no database, no secret, no authlab code");
  const offline = await verifyOffline({ jwks, token });

  lab.step("Giving it the same token with another user's id in the payload");
  const altered = await verifyOffline({ jwks, token: withSubject(token, "someone-else") });

  lab.step("The same claims signed with HS256 (a shared secret), handed to the same verifier");
  const secret = randomBytes(32);
  const claims = decodeJwt(token);
  const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(secret);
  const withoutSecret = await verifyOffline({ jwks, token: hs256 });

  lab.step("Giving the verifier the secret so it can check HS256, and asking it to mint a token");
  const withSecret = await verifyOffline({
    jwks,
    token: hs256,
    secret: secret.toString("base64url"),
    mintFor: "someone-else",
  });
  const mintedAccepted = withSecret.minted
    ? await jwtVerify(withSecret.minted, secret, { algorithms: ["HS256"] }).then(
        (verified) => verified.payload.sub === "someone-else",
        () => false,
      )
    : false;

  const holds =
    offline.verified && offline.sub === lab.user.id && !altered.verified && !withoutSecret.verified;
  return {
    verdict: holds ? "holds" : "does_not_hold",
    headline: `Verifier with the JWKS alone: ${offline.alg} token verified: ${yesNo(offline.verified)}; altered token: ${altered.verified ? "accepted" : "refused"}; HS256 without the secret: ${withoutSecret.verified ? "verified" : "cannot check"}; with it, a minted token for another user verifies: ${yesNo(mintedAccepted)}`,
    measurements: [
      { label: "Environment variables the verifier had", value: String(offline.env) },
      { label: "Keys in the JWKS it was given", value: String(jwks.keys.length) },
      {
        label: `${offline.alg} access token`,
        value: `${offline.verified ? "verified" : "refused"}: ${offline.why}`,
      },
      { label: "Subject it read", value: offline.sub === lab.user.id ? "the signed-in user" : offline.sub },
      {
        label: "Same token, payload altered",
        value: altered.verified ? "accepted" : "refused (signature fails)",
      },
      { label: "HS256 token, no secret", value: withoutSecret.why },
      { label: "HS256 token, with the secret", value: withSecret.verified ? "verified" : "refused" },
      {
        label: "Token the verifier minted with the secret",
        value: mintedAccepted ? "accepted for another user" : "refused",
      },
    ],
    data: { verifier: VERIFIER_SOURCE },
  } as const;
}

export const offlineVerificationExperiment: Experiment = {
  slug: "offline-verification",
  number: 10,
  title: "Offline verification",
  claim: "Any service can verify a JWT on its own, without asking the server that issued it.",
  explanation: [
    "The run starts a second Node process with an empty environment: no database URL, no secret, no authlab code and no JWT library. It is handed the JWKS document (what /.well-known/jwks.json serves) and a token, and checks the signature with WebCrypto. Its whole source is in the result.",
    "With an asymmetric algorithm (ES256 or EdDSA here, RFC 8725 §3.1), the public key is all it needs: it verifies the real token and refuses the same token with one claim changed. That is the claim, and it holds. What it cannot know offline is whether the token was revoked since it was signed (see the logout experiment): offline verification trades revocation for independence.",
    "With HS256 the same verifier cannot check anything until it is given the shared secret, and once it has it, it can mint tokens for anyone that every other holder of the secret accepts. That is why authlab signs only with asymmetric keys (ASVS 5.0 9.1.2: an allow-list of algorithms; 9.1.3: keys from trusted, pre-configured sources).",
  ],
  standards: [STANDARDS.rfc7517, STANDARDS.rfc8725, STANDARDS.asvsV9, STANDARDS.owaspJwt],
  run,
};
