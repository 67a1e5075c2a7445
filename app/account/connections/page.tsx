import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { hasPassword } from "@/lib/auth/credentials";
import { requireUser } from "@/lib/identity";
import { listLinkedProviders } from "@/lib/oauth/accounts";
import { canLinkProviders, describeLinkRefusal, reauthenticationPath } from "@/lib/oauth/link-access";
import { providerCatalog } from "@/lib/oauth/providers";
import { linkProvider, unlinkProvider } from "./actions";
import { readStore } from "@/lib/db/errors";

export const metadata: Metadata = { title: "Connections" };

const PAGE = "/account/connections";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, string> = {
  already_linked:
    "That provider account is already linked to another authlab user, so it was not linked to you.",
  provider_already_linked:
    "You already have an account of that provider linked. Unlink it first to link a different one.",
  not_signed_in: "The link request expired or you are no longer signed in. Sign in and try again.",
};

/** Account → Connections: which providers can sign you in, and linking/unlinking them. */
export default async function ConnectionsPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, identity } = await requireUser({ next: PAGE, signInPath: "/oauth/sign-in" });
  const params = await searchParams;
  const access = canLinkProviders(identity);
  const [accounts, password, reauthPath] = await readStore(
    Promise.all([
      listLinkedProviders(user.id),
      hasPassword(user.id),
      access.ok ? undefined : reauthenticationPath(user.id, PAGE),
    ]),
  );
  const catalog = providerCatalog();
  const nameOf = (id: string) => catalog.find((entry) => entry.id === id)?.name ?? id;
  const waysIn = accounts.length + (password ? 1 : 0);
  const shown = catalog.filter(
    (entry) => entry.enabled || accounts.some((account) => account.provider === entry.id),
  );
  const linked = typeof params.linked === "string" ? params.linked : undefined;
  const unlinked = typeof params.unlinked === "string" ? params.unlinked : undefined;
  const error = typeof params.error === "string" ? NOTICES[params.error] : undefined;

  return (
    <div className="max-w-3xl space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Connections</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Signed in as <strong>{user.email}</strong>. Each linked provider is another way into this same
          account.
          {password ? " You also have a password." : ""}
        </p>
        <div aria-live="polite">
          {linked ? (
            <p
              role="status"
              className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
            >
              {nameOf(linked)} is now linked. It signs you in to this account.
            </p>
          ) : null}
          {unlinked ? (
            <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-900">
              {nameOf(unlinked)} is unlinked.
            </p>
          ) : null}
          {error ? (
            <p
              role="alert"
              className="rounded-md border border-red-300 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:text-red-300"
            >
              {error}
            </p>
          ) : null}
        </div>
        {!access.ok ? (
          <div
            id="link-reauth"
            className="space-y-2 rounded-md border border-amber-300 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:text-amber-200"
          >
            <p>{describeLinkRefusal(access.reason)}</p>
            {reauthPath ? (
              <Link href={reauthPath} className="font-medium underline">
                Sign in again to link or unlink
              </Link>
            ) : null}
          </div>
        ) : null}
      </section>

      <ul className="space-y-3" aria-label="Providers">
        {shown.map((provider) => {
          const account = accounts.find((entry) => entry.provider === provider.id);
          return (
            <li
              key={provider.id}
              className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            >
              <div>
                <h2 className="font-semibold">{provider.name}</h2>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {account
                    ? `Linked ${account.linkedAt.toISOString().slice(0, 10)}${account.scope ? ` · scopes: ${account.scope}` : ""}`
                    : "Not linked"}
                </p>
              </div>
              {account ? (
                <ActionForm
                  action={unlinkProvider}
                  fields={{ provider: provider.id }}
                  label={`Unlink ${provider.name}`}
                  pendingLabel="Unlinking…"
                  variant="danger"
                  disabledReason={
                    waysIn <= 1
                      ? "Your only way to sign in: link another provider or set a password first."
                      : access.ok
                        ? undefined
                        : "Unlinking needs a recent sign-in: sign in again to unlink."
                  }
                />
              ) : (
                <ActionForm
                  action={linkProvider}
                  fields={{ provider: provider.id }}
                  label={`Link ${provider.name}`}
                  pendingLabel={`Redirecting to ${provider.name}…`}
                  variant="primary"
                  disabledReason={
                    access.ok ? undefined : "Linking needs a recent sign-in: sign in again to link."
                  }
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
