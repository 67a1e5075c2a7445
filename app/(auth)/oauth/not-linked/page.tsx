import type { Metadata } from "next";
import Link from "next/link";
import { providerCatalog } from "@/lib/oauth/providers";

export const metadata: Metadata = { title: "Account not linked" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where a provider sign-in lands when authlab refused to link it silently. */
export default async function NotLinkedPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const id = Array.isArray(params.provider) ? params.provider[0] : params.provider;
  const provider = providerCatalog().find((entry) => entry.id === id)?.name ?? "this provider";
  const signedIn = params.reason === "signed_in";

  return (
    <div className="max-w-2xl space-y-5">
      <h1 className="text-2xl font-bold tracking-tight">
        {signedIn ? `Your ${provider} account was not added` : `Your ${provider} account is not linked yet`}
      </h1>
      <div role="alert" className="space-y-3 text-zinc-700 dark:text-zinc-300">
        {signedIn ? (
          <p>
            You are already signed in, and this {provider} account is not connected to you. authlab never adds
            a sign-in method to your account unless you ask for it on the Connections page.
          </p>
        ) : (
          <p>
            An authlab account already uses the email address {provider} reported. We did not connect the two
            automatically: owning an email address at a provider is not proof that you own the authlab
            account, and linking on email alone would let anyone who controls such a provider account take it
            over.
          </p>
        )}
      </div>
      <section
        aria-labelledby="how-heading"
        className="rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
      >
        <h2 id="how-heading" className="font-semibold">
          How to link {provider}
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
          <li>Sign in the way you usually do (your password, or a provider you already linked).</li>
          <li>
            Open <strong>Account → Connections</strong>.
          </li>
          <li>
            Choose “Link {provider}” and approve at {provider}.
          </li>
        </ol>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          After that, both ways sign you in to the same account.
        </p>
      </section>
      <div className="flex flex-wrap gap-3 text-sm">
        <Link
          href="/oauth/sign-in"
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500"
        >
          Sign in another way
        </Link>
        <Link
          href="/account/connections"
          className="rounded-md border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Account → Connections
        </Link>
      </div>
    </div>
  );
}
