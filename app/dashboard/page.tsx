import type { Metadata } from "next";
import { StoreUnavailableError } from "@/lib/db/errors";
import { getIdentity, MODE_PRECEDENCE } from "@/lib/identity";
import { listVerifyingKeys } from "@/lib/jwt/keys/status";
import { readFamilyHistory } from "@/lib/jwt/refresh-families";
import { listUserApiKeys } from "@/lib/apikey/store";
import { Activity } from "./_components/activity";
import { ApiKeysPanel } from "./_components/api-keys-panel";
import { JwtPanel } from "./_components/jwt-panel";
import { OAuthPanel } from "./_components/oauth-panel";
import { LiveRefresh } from "./_components/live-refresh";
import { SessionPanel } from "./_components/session-panel";
import { readStore } from "@/lib/db/errors";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const identity = await getIdentity();
  // A panel that cannot check its mode must not say "signed out": the whole page says why.
  if (identity.unavailable.length > 0) throw new StoreUnavailableError();
  const jwt = identity.modes.jwt;
  const [family, keys] = jwt
    ? await readStore(
        Promise.all([readFamilyHistory(jwt.credential.familyId, jwt.user.id), listVerifyingKeys()]),
      )
    : [null, []];
  const apiKeys = identity.user ? await readStore(listUserApiKeys(identity.user.id)) : null;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every credential this browser holds, what the server verified, and when each expires.
            {identity.user ? (
              <>
                {" "}
                Pages use <strong>{identity.user.email}</strong> from {identity.mode} mode (precedence:{" "}
                {MODE_PRECEDENCE.join(" › ")}).
              </>
            ) : null}
          </p>
        </div>
        <LiveRefresh />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <SessionPanel session={identity.modes.session} />
        <JwtPanel jwt={jwt} family={family} keys={keys} />
        <OAuthPanel oauth={identity.modes.oauth} />
      </div>

      <ApiKeysPanel keys={apiKeys} />

      {identity.user ? <Activity userId={identity.user.id} /> : null}
    </div>
  );
}
