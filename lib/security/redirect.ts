/** Any origin would do: it is only used to let the URL parser normalise a path. */
const PARSE_BASE = "http://authlab.invalid";
/** Control characters (browsers strip tab/CR/LF from URLs) and the backslash (read as `/`). */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;
/** A path that a browser or a later decoder would read as protocol-relative: `//host`, `/\host`. */
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * The one redirect decision for every flow (sign-in and sign-up `next`, the JWT refresh bounce,
 * the OAuth pages and actions, Auth.js's redirect callback): a destination that can only lead
 * back into this app, or `fallback` (ASVS 5.0 V10.x / RFC 9700 §4.11.2: no open redirectors).
 *
 * The check runs on the path AFTER the URL parser has normalised it (dot segments removed,
 * `%2e` read as `.`), because that is what the Location header will carry: `/.//evil.example`
 * and `/a/..//evil.example` both normalise to `//evil.example`. It also refuses a path that
 * only becomes protocol-relative once decoded (`/%2f%2fevil`, `/%5cevil`), so a proxy or
 * framework that decodes before routing cannot turn it into one.
 */
export function safeRedirectPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || UNSAFE_CHARACTERS.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PARSE_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== PARSE_BASE) return fallback;
  const decoded = decodedOrNull(url.pathname);
  if (decoded === null || UNSAFE_CHARACTERS.test(decoded)) return fallback;
  if (PROTOCOL_RELATIVE.test(url.pathname) || PROTOCOL_RELATIVE.test(decoded)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
