import { ActionForm } from "@/app/_components/action-form";
import { formatDateTime } from "@/app/_components/format";
import type { ApiKeyView } from "@/lib/apikey/store";
import { revokeApiKeyAction } from "../actions";

const note = "text-zinc-600 dark:text-zinc-400";

/** The user's live keys: prefix, scopes, dates and use, never a secret; each with Revoke. */
export function ApiKeyList({ keys }: { keys: ApiKeyView[] }) {
  if (keys.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No API keys yet.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {keys.map((key) => (
        <li
          key={key.id}
          className="flex flex-wrap items-start justify-between gap-4 p-4"
          data-testid="api-key-row"
        >
          <div className="min-w-0 space-y-1 text-sm">
            <p className="font-medium">
              {key.name} <code className={`text-xs ${note}`}>ak_{key.prefix}_…</code>
            </p>
            <p className={note}>Scopes: {key.scopes.join(", ") || "none"}</p>
            <p className={note}>
              Created {formatDateTime(key.createdAt)} ·{" "}
              {key.expiresAt ? `expires ${formatDateTime(key.expiresAt)}` : "never expires"}
            </p>
            <p className={note} data-testid="api-key-usage">
              {key.lastUsedAt
                ? `Last used ${formatDateTime(key.lastUsedAt)}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ""} · ${key.useCount} request${key.useCount === 1 ? "" : "s"}`
                : "Never used"}
            </p>
          </div>
          <ActionForm
            action={revokeApiKeyAction}
            fields={{ keyId: key.id }}
            label={`Revoke ${key.name}`}
            pendingLabel="Revoking…"
            variant="danger"
          />
        </li>
      ))}
    </ul>
  );
}
