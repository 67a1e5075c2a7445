/**
 * A post-sign-in destination that can only lead back into this app (ASVS 10.x, RFC 9700 §4.11:
 * no open redirects). Anything that is not a plain same-origin path falls back.
 */
export function safeRedirectPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // Must be an absolute path, not protocol-relative (`//evil`) nor a backslash trick (`/\evil`).
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  // Control characters can be stripped by browsers into something else entirely.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const base = "http://authlab.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
