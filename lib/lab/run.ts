import "server-only";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { isStoreUnavailable } from "@/lib/db/errors";
import { tooManyAttempts } from "@/lib/http/errors";
import { errorBody } from "@/lib/http/json";
import { logger } from "@/lib/log";
import type { RequestContext } from "@/lib/security/request";
import type { LabContext } from "./context";
import { LabPreconditionError } from "./experiment";
import { findExperiment } from "./registry";
import { createThrowawayUser, deleteThrowawayUser } from "./throwaway";
import type { LabEvent, LabStep } from "./types";

const encoder = new TextEncoder();

function line(event: LabEvent): Uint8Array {
  return encoder.encode(`${JSON.stringify(event)}\n`);
}

/** What a failed run tells the page: never a stack, a token or SQL (ASVS 16.5.1). */
function failureEvent(slug: string, error: unknown): LabEvent {
  if (error instanceof LabPreconditionError) {
    return { type: "error", ...errorBody("not_available_here", error.message) };
  }
  if (isStoreUnavailable(error)) {
    logger.warn("lab: store unavailable during a run", { slug, error });
    const message = "authlab cannot reach its store right now. Try the run again in a few seconds.";
    return { type: "error", ...errorBody("temporarily_unavailable", message) };
  }
  const requestId = randomUUID();
  logger.error("lab: run failed", { slug, requestId, error });
  const message = `The run failed on our side (request id ${requestId}).`;
  return { type: "error", ...errorBody("server_error", message) };
}

/**
 * Starts a run: makes the throw-away user first (a store outage or the sign-up limit is answered
 * by the route as 503 or 429 before anything streams), then streams the run's steps and its
 * result as JSON lines. The user and everything it held are deleted when the run ends, whether
 * it succeeded, failed or the visitor went away.
 */
export async function startLabRun(
  slug: string,
  context: RequestContext,
): Promise<ReadableStream<Uint8Array>> {
  const experiment = findExperiment(slug);
  if (!experiment) throw new Error(`lab: unknown experiment ${slug}`);
  const created = await createThrowawayUser(context);
  if (!created.ok) throw tooManyAttempts(created.retryAfterSeconds);
  const user = created.value;
  const sessionIds: string[] = [];
  const started = performance.now();
  const steps: LabStep[] = [];

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (event: LabEvent) => {
        if (!open) return;
        try {
          controller.enqueue(line(event));
        } catch {
          open = false; // The visitor went away; the run still finishes and cleans up.
        }
      };
      const lab: LabContext = {
        user,
        context,
        step(label) {
          const step = { label, atMs: Math.round(performance.now() - started) };
          steps.push(step);
          send({ type: "step", step });
        },
        trackSession: (id) => sessionIds.push(id),
      };
      try {
        lab.step("Created a throw-away user through the real sign-up path");
        const outcome = await experiment.run(lab);
        await deleteThrowawayUser(user, sessionIds);
        lab.step("Deleted the throw-away user and everything it held");
        send({
          type: "result",
          result: {
            ...outcome,
            slug,
            ranAt: new Date().toISOString(),
            durationMs: Math.round(performance.now() - started),
            steps,
            throwawayEmail: user.email,
          },
        });
      } catch (error) {
        await deleteThrowawayUser(user, sessionIds);
        send(failureEvent(slug, error));
      } finally {
        if (open) controller.close();
      }
    },
  });
}
