import type { Metadata } from "next";
import { JsonBlock } from "@/app/_components/json-block";
import { formatDateTime } from "@/app/_components/format";
import { env } from "@/lib/env";
import { requireModeIdentity } from "@/lib/identity";
import { readFamilyHistory } from "@/lib/jwt/refresh-families";
import { revocationReasonLabel } from "@/lib/revocation/reasons";
import { JwtSignOutForm } from "./_components/sign-out-form";
import { ExpiryCountdown } from "./_components/expiry-countdown";
import { RefreshButton } from "./_components/refresh-button";
import { readStore } from "@/lib/db/errors";

export const metadata: Metadata = { title: "JWT mode" };

const panel = "rounded-lg border border-zinc-200 p-6 dark:border-zinc-800";

export default async function JwtPage() {
  const jwt = await requireModeIdentity("jwt", "/jwt/sign-in?next=%2Fjwt");
  const { user, credential } = jwt;
  const family = await readStore(readFamilyHistory(credential.familyId, user.id));

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">JWT mode</p>
        <h1 className="text-2xl font-bold tracking-tight">Signed in as {user.name ?? user.email}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="jwt-email">
          {user.email}
        </p>
        <ExpiryCountdown expiresAt={credential.expiresAt.toISOString()} />
      </div>

      <section aria-labelledby="token-heading" className={panel}>
        <h2 id="token-heading" className="text-lg font-semibold">
          Your access token, decoded
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          A JWT is signed, not encrypted: anyone holding it can read the header and claims below. The
          signature only proves that authlab wrote them. The server checked it with key{" "}
          <code className="font-mono">{credential.header.kid.slice(0, 12)}…</code> and read{" "}
          {credential.denyListChecked ? "the deny-list (JWT_DENYLIST is on)" : "no database row to do so"}.
        </p>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Cookie</dt>
          <dd className="break-all font-mono">
            {credential.cookieName ?? "Authorization header"} ({credential.sizeBytes} bytes, HttpOnly)
          </dd>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Issued</dt>
          <dd>{formatDateTime(credential.issuedAt)}</dd>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Expires</dt>
          <dd>{formatDateTime(credential.expiresAt)}</dd>
        </dl>
        <h3 className="mt-5 text-sm font-semibold">Header</h3>
        <JsonBlock className="mt-3" value={credential.header} label="Decoded JWT header" />
        <h3 className="mt-5 text-sm font-semibold">Claims</h3>
        <JsonBlock className="mt-3" value={credential.claims} label="Decoded JWT claims" />
      </section>

      <section aria-labelledby="family-heading" className={panel}>
        <h2 id="family-heading" className="text-lg font-semibold">
          Refresh family
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Each refresh uses up the refresh token and issues the next one. Presenting a used token again
          revokes the whole family. The family ends for good at{" "}
          {family ? formatDateTime(family.absoluteExpiresAt) : "its absolute expiry"}.
        </p>
        {family ? (
          // Focusable so keyboard users can scroll it when it overflows (WCAG 2.1.1).
          <div
            className="mt-4 overflow-x-auto"
            tabIndex={0}
            role="region"
            aria-label="Refresh family history"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Refresh tokens in this family, oldest first</caption>
              <thead className="text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    #
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Issued
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Used
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Idle expiry
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    State
                  </th>
                </tr>
              </thead>
              <tbody data-testid="jwt-family-history">
                {family.tokens.map((token, index) => (
                  <tr key={token.id} className="border-t border-zinc-200 dark:border-zinc-800">
                    <td className="py-2 pr-4 font-mono">{index + 1}</td>
                    <td className="py-2 pr-4">{formatDateTime(token.issuedAt)}</td>
                    <td className="py-2 pr-4">{token.usedAt ? formatDateTime(token.usedAt) : "not yet"}</td>
                    <td className="py-2 pr-4">{formatDateTime(token.expiresAt)}</td>
                    <td className="py-2">
                      {token.revokedAt
                        ? `revoked (${revocationReasonLabel(token.revokedReason)})`
                        : token.usedAt
                          ? "rotated"
                          : "current"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-4 text-sm">This token&apos;s family is not on record any more.</p>
        )}
        <div className="mt-4">
          <RefreshButton />
        </div>
      </section>

      <div className="space-y-3">
        <JwtSignOutForm />
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Signing out revokes the refresh family and deletes both JWT cookies in this browser.{" "}
          {env.JWT_DENYLIST
            ? "The deny-list is on, so this access token is refused from now on too."
            : `The access token itself stays valid until it expires (at most ${env.JWT_ACCESS_TTL} s): nothing is checked on the server to revoke it. That is the price of stateless verification; JWT_DENYLIST=1 buys it back with a database read per request.`}
        </p>
      </div>
    </div>
  );
}
