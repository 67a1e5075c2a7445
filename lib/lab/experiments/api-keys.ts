import "server-only";
import { createApiKey } from "@/lib/apikey/store";
import { verifyApiKey } from "@/lib/apikey/identity";
import { revokeOwnCredential } from "@/lib/revocation";
import { identityWith, type LabContext } from "../context";
import { formatMs } from "../measure";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

/** What /api/me would answer for the key: the key check itself (lib/apikey/identity.ts). */
async function apiAnswer(key: string, scope: string): Promise<string> {
  const verified = await verifyApiKey(key, scope);
  if (verified.ok) return "accepted (200)";
  return verified.reason === "invalid" ? "refused (401 invalid_token)" : "refused (403 insufficient_scope)";
}

/** "accepted (200)" → "accepted". */
const verb = (answer: string) => answer.replace(/ \(.*\)$/, "");

async function run(lab: LabContext) {
  lab.step("Creating an API key with the read:profile scope through the key store");
  const created = await createApiKey(
    lab.user.id,
    { name: "lab run", scopes: ["read:profile"], expiresAt: null },
    lab.context,
  );
  if (!created.ok) throw new Error(`lab: could not create a key (${created.reason})`);
  const { key, view } = created.value;

  lab.step("Presenting it to the API, as a script would (Authorization: Bearer)");
  const api = await apiAnswer(key, "read:profile");
  const otherScope = await apiAnswer(key, "read:sessions");

  lab.step("Presenting the same header to a page's identity check");
  const page = await identityWith({ authorization: `Bearer ${key}` }, "/dashboard");
  const pageSees = page.user ? `signed in as ${page.mode}` : "nobody signed in";

  lab.step("Revoking the key, then presenting it again at once");
  const revokedAt = performance.now();
  await revokeOwnCredential(lab.user.id, "api_key", view.id, lab.context);
  const afterRevoke = await apiAnswer(key, "read:profile");
  const refusedAfterMs = performance.now() - revokedAt;

  const holds = api.startsWith("accepted") && !page.user && afterRevoke.startsWith("refused");
  return {
    verdict: holds ? "holds" : "does_not_hold",
    headline: `API: ${verb(api)}; pages: ${pageSees}; after revocation: ${verb(afterRevoke)} on the next request`,
    measurements: [
      { label: "GET /api/me with the key (read:profile)", value: api },
      { label: "GET /api/me/sessions with the key (no read:sessions)", value: otherScope },
      { label: "A page with the same Authorization header", value: pageSees },
      { label: "The key after revocation", value: afterRevoke },
      { label: "Revocation to refusal", value: formatMs(refusedAfterMs) },
    ],
  } as const;
}

export const apiKeysExperiment: Experiment = {
  slug: "api-keys",
  number: 14,
  title: "API keys",
  claim: "An API key works for the API and never for browser pages, and revoking it takes effect at once.",
  explanation: [
    "A personal API key is a standing grant to a script, not a sign-in. authlab reads keys only on the API routes that name a scope (RFC 6750 §3.1: a key without it is 403 insufficient_scope), so the same header on a page or a form authenticates nobody: a leaked key cannot drive the browser UI, change a password or create more keys.",
    "Every check reads the key's row by its prefix and compares SHA-256 digests in constant time (ASVS 5.0 11.2.4), so there is no cache for a revocation to outlive: the next request after revoking is refused, on every instance.",
    "Unlike a JWT, a key carries no claims and expires only when its owner says so; that is why it is looked up every time.",
  ],
  standards: [STANDARDS.rfc6750, STANDARDS.asvsV7, STANDARDS.owaspKeys],
  run,
};
