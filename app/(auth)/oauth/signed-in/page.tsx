import type { Metadata } from "next";
import Link from "next/link";
import { requireModeIdentity } from "@/lib/identity";
import type { OAuthCredential } from "@/lib/oauth/identity";
import { ActionForm } from "@/app/_components/action-form";
import { signOutOfOAuth } from "./actions";

export const metadata: Metadata = { title: "Signed in with OAuth / OIDC" };

const dateTime = (value: Date) =>
  value
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");

export default async function OAuthSignedInPage() {
  const oauth = await requireModeIdentity("oauth", "/oauth/sign-in?next=/oauth/signed-in");
  const credential = oauth.credential as OAuthCredential;

  return (
    <div className="max-w-3xl space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Signed in with OAuth / OIDC</h1>
        <p className="text-lg">
          Signed in as <strong data-testid="oauth-email">{oauth.user.email}</strong>
          {oauth.user.name ? (
            <span className="text-zinc-600 dark:text-zinc-400"> ({oauth.user.name})</span>
          ) : null}
        </p>
      </section>

      <section
        aria-labelledby="session-heading"
        className="space-y-3 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
      >
        <h2 id="session-heading" className="text-xl font-semibold">
          Your session
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Cookie</dt>
          <dd>
            <code>{credential.cookieName}</code> (an opaque id; the session lives in the database)
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Started</dt>
          <dd>{dateTime(credential.sessionCreatedAt)}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Expires</dt>
          <dd>{dateTime(credential.sessionExpiresAt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="accounts-heading" className="space-y-3">
        <h2 id="accounts-heading" className="text-xl font-semibold">
          Linked provider accounts
        </h2>
        <ul className="space-y-2 text-sm">
          {credential.accounts.map((account) => (
            <li key={account.provider} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <p className="font-medium">{account.provider}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                Scopes: {account.scopes.length ? account.scopes.join(" ") : "none reported"} · provider tokens
                are not kept: authlab used them once to learn who you are
              </p>
            </li>
          ))}
        </ul>
        <Link
          href="/account/connections"
          className="inline-flex text-sm font-medium text-indigo-700 underline dark:text-indigo-400"
        >
          Manage connections
        </Link>
      </section>

      <ActionForm
        action={signOutOfOAuth}
        fields={{}}
        label="Sign out"
        pendingLabel="Signing out…"
        variant="secondary"
      />
    </div>
  );
}
