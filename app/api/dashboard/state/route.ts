import { etagOf, identityFingerprint } from "@/lib/dashboard/fingerprint";
import { getRequestIdentity } from "@/lib/identity";

export const dynamic = "force-dynamic";

/**
 * The dashboard's change feed: an ETag over who is signed in per mode and which credential they
 * hold. The page polls it with If-None-Match (304 while nothing changed) and redraws on change.
 */
export async function GET(request: Request): Promise<Response> {
  const identity = await getRequestIdentity(request);
  const state = { modes: identityFingerprint(identity) };
  const etag = etagOf(state);
  const headers = { ETag: etag, "Cache-Control": "no-store" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(state, { headers });
}
