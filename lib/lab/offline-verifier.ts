import "server-only";
import { spawn } from "node:child_process";
import { z } from "zod";

// The offline verifier of the lab's offline-verification experiment: a separate Node process,
// started with an empty environment (no DATABASE_URL, no secret, no authlab code, no library),
// that is handed a JWKS document and a token on stdin and checks the token with WebCrypto alone.
// Kept as source text so the experiment's page can show all of it.

export const VERIFIER_SOURCE = `
const { subtle } = globalThis.crypto;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { jwks, token, secret, mintFor } = JSON.parse(Buffer.concat(chunks).toString());
const part = (text) => JSON.parse(Buffer.from(text, "base64url").toString());
const [encodedHeader, encodedPayload, encodedSignature] = token.split(".");
const header = part(encodedHeader);
const claims = part(encodedPayload);
const signed = new TextEncoder().encode(encodedHeader + "." + encodedPayload);
const signature = Buffer.from(encodedSignature, "base64url");
const hmac = (usage) =>
  subtle.importKey("raw", Buffer.from(secret, "base64url"), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
const result = { alg: header.alg, sub: claims.sub, unexpired: claims.exp * 1000 > Date.now(), env: Object.keys(process.env).length };
if (header.alg === "ES256" || header.alg === "EdDSA") {
  const jwk = jwks.keys.find((key) => key.kid === header.kid && key.alg === header.alg);
  const algorithm = header.alg === "ES256" ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } : { name: "Ed25519" };
  result.verified = jwk ? await subtle.verify(algorithm, await subtle.importKey("jwk", jwk, algorithm, false, ["verify"]), signature, signed) : false;
  result.why = jwk ? "checked with the public key from the JWKS" : "no key with this kid in the JWKS";
} else if (header.alg === "HS256" && !secret) {
  result.verified = false;
  result.why = "HS256 needs the shared secret, and this verifier has none";
} else if (header.alg === "HS256") {
  result.verified = await subtle.verify("HMAC", await hmac("verify"), signature, signed);
  result.why = "checked with the shared secret";
  if (mintFor) {
    const body = Buffer.from(JSON.stringify({ ...claims, sub: mintFor })).toString("base64url");
    const forged = await subtle.sign("HMAC", await hmac("sign"), new TextEncoder().encode(encodedHeader + "." + body));
    result.minted = encodedHeader + "." + body + "." + Buffer.from(forged).toString("base64url");
  }
} else {
  result.verified = false;
  result.why = "algorithm not allowed";
}
process.stdout.write(JSON.stringify(result));
`.trim();

const verdictSchema = z.object({
  alg: z.string(),
  sub: z.string(),
  unexpired: z.boolean(),
  verified: z.boolean(),
  why: z.string(),
  env: z.number(),
  minted: z.string().optional(),
});

export type OfflineVerdict = z.infer<typeof verdictSchema>;

export type OfflineInput = {
  jwks: { keys: readonly object[] };
  token: string;
  /** For HS256 only: the shared secret, base64url. */
  secret?: string;
  /** With the secret: mint a token for this subject too. */
  mintFor?: string;
};

const TIMEOUT_MS = 15_000;

/** Runs the verifier in a process of its own and returns what it concluded. */
export function verifyOffline(input: OfflineInput): Promise<OfflineVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "--eval", VERIFIER_SOURCE], {
      // Nothing from this process: no DATABASE_URL, no secret.
      env: {} as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // Its stderr is not kept: an error there could quote the token it was given.
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`lab: the offline verifier exited with ${code}`));
        return;
      }
      try {
        resolve(verdictSchema.parse(JSON.parse(stdout)));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}
