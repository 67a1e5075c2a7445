import "server-only";

/**
 * Reads a request body as text, but never more than `limit` bytes: a declared Content-Length
 * over the limit is refused unread, and a chunked body is cut off as soon as it passes it, so a
 * huge POST cannot be buffered into memory first. Null when too large or unreadable.
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
    return null;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
