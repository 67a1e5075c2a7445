import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { signOutOfOAuth } from "@/app/(auth)/oauth/signed-in/actions";
import { formatDateTime } from "@/app/_components/format";
import { usesSecureCookies } from "@/lib/http/cookies";
import type { ModeIdentities } from "@/lib/identity";
import { CookieFacts } from "./cookie-facts";
import { Countdown } from "./countdown";
import { Facts, linkButtonClass, Panel, PanelSection } from "./panel";
import { SecretValue } from "./secret-value";

export function OAuthPanel({ oauth }: { oauth: ModeIdentities["oauth"] }) {
  if (!oauth) {
    return (
      <Panel
        id="oauth"
        title="OAuth / OIDC"
        signedIn={false}
        subtitle="No Auth.js session in this browser."
        actions={
          <Link href="/oauth/sign-in?callbackUrl=%2Fdashboard" className={linkButtonClass}>
            Sign in with a provider
          </Link>
        }
      />
    );
  }
  const { user, credential } = oauth;
  const maxAge = Math.round(
    (credential.sessionExpiresAt.getTime() - credential.sessionCreatedAt.getTime()) / 1000,
  );
  return (
    <Panel
      id="oauth"
      title="OAuth / OIDC"
      signedIn
      subtitle={user.email}
      actions={
        <>
          <Link href="/account/connections" className={linkButtonClass}>
            Connections
          </Link>
          <ActionForm
            action={signOutOfOAuth}
            fields={{}}
            label="Sign out"
            pendingLabel="Signing out…"
            variant="danger"
          />
        </>
      }
    >
      <PanelSection title="The browser holds">
        <CookieFacts
          testId="oauth-cookie"
          cookie={{
            name: credential.cookieName,
            bytes: credential.cookieBytes,
            httpOnly: true,
            secure: usesSecureCookies(),
            sameSite: "lax",
            path: "/",
            maxAge,
          }}
        />
        <SecretValue
          label="Auth.js session token (a database key, not a JWT)"
          value={credential.sessionToken}
        />
      </PanelSection>
      <PanelSection title="The server sees">
        <Facts
          items={[
            ["Session row", credential.sessionId],
            ["Created", formatDateTime(credential.sessionCreatedAt)],
            ["Expires", formatDateTime(credential.sessionExpiresAt)],
          ]}
        />
        <ul className="space-y-2 text-sm" aria-label="Linked provider accounts" data-testid="oauth-accounts">
          {credential.accounts.map((account) => (
            <li key={account.provider} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
              <p className="font-medium">{account.provider}</p>
              <p className="break-all text-xs text-zinc-600 dark:text-zinc-400">
                scopes: {account.scopes.join(" ") || "none recorded"} · provider tokens are not kept (authlab
                calls no provider API after sign-in)
              </p>
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Expiry">
        <Countdown
          target={credential.sessionExpiresAt.toISOString()}
          label="Auth.js session"
          atZero="the session row is no longer accepted: sign in with the provider again."
        />
      </PanelSection>
    </Panel>
  );
}
