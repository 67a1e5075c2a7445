import "server-only";
import { readBodyText } from "@/lib/http/body";
import type { z } from "zod";
import { jsonError, jsonOk } from "@/lib/http/json";
import { logger } from "@/lib/log";
import type { TokenPair } from "./token-pair";

// Request-body handling shared by the JWT endpoints: a known content type, a bounded body,
// strict JSON, then zod (ASVS 1.x/2.x input validation). Failures are values (a 400 Response).

const MAX_BODY_BYTES = 16 * 1024;

export type BodyFormat = "json" | "form";

function contentTypeOf(request: Request): string {
  return request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
}

export async function readBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  accept: BodyFormat[] = ["json"],
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const type = contentTypeOf(request);
  const format: BodyFormat | null =
    type === "application/json" ? "json" : type === "application/x-www-form-urlencoded" ? "form" : null;
  if (!format || !accept.includes(format)) {
    const expected = accept.map((f) =>
      f === "json" ? "application/json" : "application/x-www-form-urlencoded",
    );
    return invalid(`Send the body as ${expected.join(" or ")}.`);
  }
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === null) return invalid("The request body is too large or could not be read.");

  let raw: unknown;
  if (format === "form") {
    raw = Object.fromEntries(new URLSearchParams(text));
  } else if (text.trim() === "") {
    raw = {};
  } else {
    try {
      raw = JSON.parse(text);
    } catch {
      return invalid("The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return invalid(`${where}${first?.message ?? "invalid request"}`);
  }
  return { ok: true, data: parsed.data };
}

function invalid(message: string): { ok: false; response: Response } {
  return { ok: false, response: jsonError(400, "invalid_request", message) };
}

/** RFC 6749 §5.1 token response (no-store). */
export function tokenResponse(pair: TokenPair): Response {
  return jsonOk(
    {
      access_token: pair.access.token,
      refresh_token: pair.refresh.token,
      token_type: "Bearer",
      expires_in: pair.access.expiresIn,
    },
    { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } },
  );
}

export function rateLimited(retryAfterSeconds: number): Response {
  return jsonError(429, "rate_limited", "Too many attempts. Try again later.", {
    "Retry-After": String(retryAfterSeconds),
  });
}

/**
 * Runs a handler and turns anything unexpected into a generic 500 (logged without payloads):
 * a token, stack or SQL message never reaches the client.
 */
export async function guarded(name: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    logger.error(`jwt: ${name} failed`, { error });
    return jsonError(500, "server_error", "Something went wrong. Try again.");
  }
}
