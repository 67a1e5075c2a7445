import Link from "next/link";
import { formatDateTime } from "@/app/_components/format";
import type { ApiKeyView } from "@/lib/apikey/store";
import { Facts, linkButtonClass, Panel, PanelSection } from "./panel";

/**
 * API keys, the fourth mode: they never sign a browser in, so this panel lists the signed-in
 * user's keys (prefix, scopes, use; never a secret) rather than a credential this browser holds.
 */
export function ApiKeysPanel({ keys }: { keys: ApiKeyView[] | null }) {
  const manage = (
    <Link href="/account/api-keys" className={linkButtonClass}>
      Manage API keys
    </Link>
  );
  if (!keys) {
    return (
      <Panel
        id="apikey"
        title="API keys"
        signedIn={false}
        subtitle="Sign in in any mode to create and see your API keys. Keys work on API routes only."
        actions={null}
      />
    );
  }
  return (
    <Panel
      id="apikey"
      title="API keys"
      signedIn={keys.length > 0}
      subtitle={`${keys.length} live key${keys.length === 1 ? "" : "s"}. Sent as Authorization: Bearer ak_… or X-API-Key, to API routes only.`}
      actions={manage}
    >
      {keys.map((key) => (
        <PanelSection key={key.id} title={key.name}>
          <Facts
            testId="apikey-facts"
            items={[
              ["prefix", `ak_${key.prefix}_…`],
              ["scopes", key.scopes.join(" ")],
              ["expires", key.expiresAt ? formatDateTime(key.expiresAt) : "never"],
              ["last used", key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"],
              ["requests", String(key.useCount)],
            ]}
          />
        </PanelSection>
      ))}
    </Panel>
  );
}
