import { route } from "@/lib/http/route";
import { publicJwks } from "@/lib/jwt/keys/jwks";

export const dynamic = "force-dynamic";

// Short enough that a rotated-in key reaches verifiers well before its tokens are common, long
// enough that verifiers are not refetching on every token.
const MAX_AGE_SECONDS = 300;

/** The public keys that verify access tokens today (active + retiring), public members only. */
export const GET = route("jwks", async () => {
  const jwks = await publicJwks();
  return Response.json(jwks, {
    headers: {
      "Cache-Control": `public, max-age=${MAX_AGE_SECONDS}, stale-while-revalidate=60`,
      "Content-Type": "application/jwk-set+json",
    },
  });
});
