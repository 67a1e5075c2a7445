import { benchCheck, benchEnabled } from "@/lib/bench/targets";
import { HttpError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * `npm run bench`'s endpoint: `{ user: { id, email } }` behind one check per target (bare,
 * session, jwt, oauth, apikey, authjs, iron; lib/bench/targets.ts). Only a bench build has this file as
 * a route (next.config.ts); even there it is 404 unless the server runs with BENCH=1.
 */
export const GET = route<{ params: Promise<{ target: string }> }>("bench", async (request, context) => {
  if (!benchEnabled()) throw new HttpError(404, "not_found", "Not found.");
  const { target } = await context.params;
  const check = benchCheck(target);
  if (!check) throw new HttpError(404, "not_found", "Not found.");
  const user = await check(request);
  if (!user) throw new HttpError(401, "unauthenticated", "Sign in first.");
  return jsonOk({ user: { id: user.id, email: user.email } });
});
