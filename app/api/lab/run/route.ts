import { z } from "zod";
import { readBody } from "@/lib/http/body";
import { HttpError, tooManyAttempts } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { experimentInfo, experimentSlugSchema } from "@/lib/lab/registry";
import { startLabRun } from "@/lib/lab/run";
import { throttleLabRun } from "@/lib/lab/throttle";
import { requestContextFrom } from "@/lib/security/request";

export const dynamic = "force-dynamic";

const runSchema = z.object({ slug: experimentSlugSchema });

/**
 * Runs one experiment of the lab (/compare/<slug>) and streams its steps and result as JSON
 * lines. Same-origin JSON only (ASVS 3.5.1-3.5.3: it creates a user, so no other site may start
 * it); the slug is checked before anything is counted or written (and an experiment this deployment
 * cannot run is a 409 saying what it needs), then the run is rate limited
 * (ASVS 2.4.1) before its throw-away user is made.
 */
export const POST = route(
  "lab run",
  async (request) => {
    const { slug } = await readBody(request, runSchema);
    const unavailable = experimentInfo(slug)?.unavailable;
    if (unavailable) throw new HttpError(409, "not_available_here", unavailable);
    const context = requestContextFrom(request.headers);
    const wait = await throttleLabRun(context);
    if (wait !== null) throw tooManyAttempts(wait);
    const stream = await startLabRun(slug, context);
    return new Response(stream, {
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Cache-Control": "no-store",
      },
    });
  },
  { sameOrigin: true },
);
