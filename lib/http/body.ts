import "server-only";
import type { z } from "zod";
import { HttpError } from "./errors";

/** No route of this app takes a body anywhere near this; a larger one is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads a request body as text, but never more than `limit` bytes: a declared Content-Length
 * over the limit is refused unread, and a chunked body is cut off as soon as it passes it, so a
 * huge POST cannot be buffered into memory first. Null when too large; a body that cannot be
 * read at all throws a 400 HttpError.
 */
export async function readBodyText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch {
    // The client aborted or the stream broke: a bad request, not a too-large one.
    throw new HttpError(400, "invalid_request", "The request body could not be read.");
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export type BodyFormat = "json" | "form";

const MEDIA_TYPES: Record<BodyFormat, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
};

/** The request's media type, lower-cased, without parameters ("" when absent). */
export function mediaTypeOf(request: Request): string {
  return request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
}

function parse(text: string, format: BodyFormat): unknown {
  if (format === "form") return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON.");
  }
}

/**
 * The one body reader (ASVS 2.2.1, 4.x): the media type is checked first (415), then the size
 * on the stream (413, before anything is parsed), then the syntax (400 invalid_json), then the
 * schema (400 invalid_request naming the fields). Throws HttpError; the route wrapper answers it.
 */
export async function readBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  accept: readonly BodyFormat[] = ["json"],
): Promise<z.infer<T>> {
  const type = mediaTypeOf(request);
  const format = accept.find((candidate) => MEDIA_TYPES[candidate] === type);
  if (!format) {
    const expected = accept.map((candidate) => MEDIA_TYPES[candidate]).join(" or ");
    throw new HttpError(415, "unsupported_media_type", `Send the body as ${expected}.`);
  }
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === null) {
    throw new HttpError(413, "payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
  const parsed = schema.safeParse(parse(text, format));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "body"))];
    const first = parsed.error.issues[0]?.message;
    const detail = first && fields.length === 1 ? ` (${first})` : "";
    throw new HttpError(400, "invalid_request", `Check ${fields.join(", ")}${detail}.`);
  }
  return parsed.data;
}
