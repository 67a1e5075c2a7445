import type { Metadata } from "next";
import { listUserApiKeys } from "@/lib/apikey/store";
import { hasPassword } from "@/lib/auth/credentials";
import { hasRecentSignIn } from "@/lib/auth/step-up";
import { readStore } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/identity";
import { ApiKeyList } from "./_components/api-key-list";
import { CreateApiKeyForm, type StepUp } from "./_components/create-api-key-form";

export const metadata: Metadata = { title: "API keys" };

const PAGE = "/account/api-keys";
const note = "text-sm text-zinc-600 dark:text-zinc-400";

export default async function ApiKeysPage() {
  const { user, identity } = await requireUser({ next: PAGE });
  const [keys, withPassword] = await readStore(Promise.all([listUserApiKeys(user.id), hasPassword(user.id)]));
  const stepUp: StepUp = hasRecentSignIn(identity)
    ? { kind: "none" }
    : withPassword
      ? { kind: "password" }
      : { kind: "provider", signInPath: `/oauth/sign-in?${new URLSearchParams({ callbackUrl: PAGE })}` };

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">API keys</h1>
        <p className={note}>
          Keys let your scripts call authlab&apos;s API as {user.email}: send one as{" "}
          <code>Authorization: Bearer ak_…</code> or <code>X-API-Key</code>. A key only opens the API
          endpoints its scopes name, never pages or forms. You see a key once, when you create it; authlab
          keeps only its hash. At most {env.API_KEYS_PER_USER} keys.
        </p>
      </div>

      <section aria-labelledby="create-heading" className="space-y-3">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a key
        </h2>
        <CreateApiKeyForm stepUp={stepUp} windowMinutes={Math.round(env.STEP_UP_WINDOW / 60)} />
      </section>

      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-lg font-semibold">
          Your keys
        </h2>
        <ApiKeyList keys={keys} />
      </section>
    </div>
  );
}
