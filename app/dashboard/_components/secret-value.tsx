import "server-only";
import { createHash } from "node:crypto";

/**
 * A credential, described without its value: its length and the first 16 hex digits of its
 * SHA-256, enough to tell two credentials apart or to match the one in DevTools. The value itself
 * never reaches the page or its RSC payload, so a script on this origin cannot read from the
 * dashboard what HttpOnly hides from it (ASVS 5.0 3.3.4's purpose, issue 10).
 */
export function SecretValue({ value, label }: { value: string; label: string }) {
  const digest = createHash("sha256").update(value).digest("hex").slice(0, 16);
  return (
    <div className="space-y-1">
      <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</span>
      <p className="rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
        {value.length} characters, SHA-256 <code>{digest}</code>…
      </p>
    </div>
  );
}
