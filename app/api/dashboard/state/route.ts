import { StoreUnavailableError } from "@/lib/db/errors";
import { readDashboardState } from "@/lib/dashboard/state";
import { etagOf } from "@/lib/dashboard/fingerprint";
import { route } from "@/lib/http/route";
import { getRequestIdentity } from "@/lib/identity";

export const dynamic = "force-dynamic";

/**
 * The dashboard's change feed: an ETag over lib/dashboard/state.ts. The page polls it with
 * If-None-Match (304 while nothing changed) and redraws on change.
 */
export const GET = route("dashboard state", async (request) => {
  const identity = await getRequestIdentity(request);
  // A feed that cannot check a mode must not report it signed out (the page would redraw so).
  if (identity.unavailable.length > 0) throw new StoreUnavailableError();
  const state = await readDashboardState(identity);
  const etag = etagOf(state);
  const headers = { ETag: etag, "Cache-Control": "no-store" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(state, { headers });
});
