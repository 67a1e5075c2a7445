import type { Metadata } from "next";
import Link from "next/link";
import { getIdentity } from "@/lib/identity";
import { describeSignInError } from "@/lib/oauth/messages";
import { providerCatalog, providerSetupStep } from "@/lib/oauth/providers";
import { safeRedirectPath } from "@/lib/security/redirect";
import { ActionForm } from "@/app/_components/action-form";
import { ProviderSetup } from "../_components/provider-setup";
import { signInWithProvider } from "./actions";

export const metadata: Metadata = { title: "Sign in with OAuth / OIDC" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function OAuthSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeRedirectPath(first(params.next) ?? first(params.callbackUrl), "/oauth/signed-in");
  const errorCode = first(params.error);
  const error = errorCode ? describeSignInError(errorCode) : null;
  const signedIn = (await getIdentity()).modes.oauth;
  const providers = providerCatalog();
  const configured = providers.filter((provider) => provider.enabled).map((provider) => provider.name);

  return (
    <div className="max-w-3xl space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Sign in with OAuth / OIDC</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Auth.js sends you to a provider with an authorization-code request protected by PKCE and state. The
          provider sends you back with a code, the server exchanges it for tokens (which never reach your
          browser, and are dropped once they have said who you are) and starts a database session.
        </p>
        {first(params.signedOut) ? (
          <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-900">
            You are signed out. The session row is gone and its cookie cleared.
          </p>
        ) : null}
        {signedIn ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
          >
            You are already signed in as {signedIn.user.email}.{" "}
            <Link href="/oauth/signed-in" className="font-medium underline">
              See your session
            </Link>
          </p>
        ) : null}
        <div aria-live="assertive">
          {error ? (
            <div role="alert" className="rounded-md border border-red-300 p-3 text-sm dark:border-red-800">
              <p className="font-semibold text-red-800 dark:text-red-300">{error.title}</p>
              <p className="mt-1 text-zinc-700 dark:text-zinc-300">{error.body}</p>
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="providers-heading" className="space-y-4">
        <h2 id="providers-heading" className="text-xl font-semibold">
          Providers
        </h2>
        <p data-testid="providers-configured">
          {configured.length > 0
            ? `Configured here: ${configured.join(", ")}.`
            : "No provider is configured on this deployment yet: add one below."}
        </p>
        <ul className="grid gap-4 sm:grid-cols-2">
          {providers.map((provider) => (
            <li
              key={provider.id}
              className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
            >
              <div>
                <h3 className="text-lg font-semibold">{provider.name}</h3>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{provider.description}</p>
              </div>
              {provider.enabled ? (
                <ActionForm
                  action={signInWithProvider}
                  fields={{ provider: provider.id, next }}
                  label={`Sign in with ${provider.name}`}
                  pendingLabel={`Redirecting to ${provider.name}…`}
                  variant="primary"
                />
              ) : (
                <div className="space-y-2 text-sm">
                  <button
                    type="button"
                    disabled
                    aria-describedby={`${provider.id}-setup`}
                    className="w-fit cursor-not-allowed rounded-md border border-zinc-300 px-3 py-1.5 font-medium opacity-60 dark:border-zinc-700"
                  >
                    Sign in with {provider.name}
                  </button>
                  <ProviderSetup provider={provider} step={providerSetupStep()} />
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
