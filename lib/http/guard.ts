import "server-only";
import type { z } from "zod";
import { isSameOriginRequest, isSimpleContentType } from "@/lib/security/request";
import { readBodyText } from "./body";
import { jsonError } from "./json";

/**
 * CSRF gate for cookie-authenticated, state-changing route handlers (ASVS 3.5.1-3.5.3): refuse
 * cross-site requests and the content types an HTML form can send without a preflight.
 */
export function refuseCrossSite(request: Request): Response | null {
  if (!isSameOriginRequest(request)) {
    return jsonError(403, "cross_origin", "This request must come from the authlab app itself.");
  }
  if (request.method !== "GET" && request.headers.has("content-type") && isSimpleContentType(request)) {
    return jsonError(415, "unsupported_media_type", "Send JSON (Content-Type: application/json).");
  }
  return null;
}

/** Parses a JSON body with a schema: a 400/415 Response for anything else, never a throw. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return {
      ok: false,
      response: jsonError(415, "unsupported_media_type", "Send JSON (Content-Type: application/json)."),
    };
  }
  const text = await readBodyText(request, 16_384);
  if (text === null)
    return { ok: false, response: jsonError(413, "payload_too_large", "The body is too large.") };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(400, "invalid_json", "The body is not valid JSON.") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "body");
    return {
      ok: false,
      response: jsonError(400, "invalid_request", `Check these fields: ${[...new Set(fields)].join(", ")}.`),
    };
  }
  return { ok: true, data: parsed.data };
}
