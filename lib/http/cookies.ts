import "server-only";

/**
 * The cookies of a Cookie header, decoded as Next's own `cookies()` decodes them. When a name
 * repeats, the first wins (browsers send the most specific path first). Route handlers called
 * with a plain Request, and the identity readers, all parse cookies here.
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (jar.has(name)) continue;
    let value = part.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Undecodable values are kept raw; each mode's own validation rejects them.
    }
    jar.set(name, value);
  }
  return jar;
}

/** One cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  return parseCookieHeader(header).get(name);
}
