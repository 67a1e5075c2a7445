import { authorizeCronRequest } from "@/lib/housekeeping/cron";
import { purgeExpired } from "@/lib/housekeeping/purge";
import { HttpError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";

// Vercel Cron calls this daily (vercel.json). Nothing runs before the secret is checked.
export const GET = route("cron.purge", async (request) => {
  const access = authorizeCronRequest(request);
  if (!access.ok && access.reason === "disabled") {
    // Unset CRON_SECRET: disabled, and answered like any unknown API path.
    throw new HttpError(404, "not_found", "There is no API endpoint at this path.");
  }
  if (!access.ok) {
    throw new HttpError(401, "unauthorized", "This job needs the cron secret.", {
      "WWW-Authenticate": 'Bearer realm="cron"',
    });
  }
  return jsonOk(await purgeExpired());
});
