import "server-only";
import { createHash } from "node:crypto";
import type { Identity } from "@/lib/identity";

/**
 * What the dashboard shows, reduced to the facts whose change should redraw it: who is signed in
 * per mode and which credential (id, expiry) they hold. Never a token value.
 */
export function identityFingerprint(identity: Identity): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [mode, entry] of Object.entries(identity.modes)) {
    view[mode] = { user: entry.user.id, credential: summarize(entry.credential) };
  }
  return view;
}

/**
 * Keeps the shape, dates and numbers (which change when a credential changes); every string is
 * hashed, so no token, id or cookie value ever appears in the feed's body.
 */
function summarize(value: unknown, depth = 0): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return hash(value);
  if (value === null || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => summarize(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, summarize(item, depth + 1)]));
}

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 16);
}

export function etagOf(value: unknown): string {
  return `"${hash(JSON.stringify(value))}"`;
}
