import Link from "next/link";
import { JsonBlock } from "@/app/_components/json-block";
import { formatDateTime } from "@/app/_components/format";
import { RefreshButton } from "@/app/(auth)/jwt/_components/refresh-button";
import { JwtSignOutForm } from "@/app/(auth)/jwt/_components/sign-out-form";
import { env } from "@/lib/env";
import { usesSecureCookies } from "@/lib/http/cookies";
import type { ModeIdentities } from "@/lib/identity";
import type { KeyStatusView } from "@/lib/jwt/keys/status";
import type { FamilyHistory } from "@/lib/jwt/refresh-families";
import { revocationReasonLabel } from "@/lib/revocation/reasons";
import { CookieFacts } from "./cookie-facts";
import { Countdown } from "./countdown";
import { Facts, linkButtonClass, Panel, PanelSection } from "./panel";
import { SecretValue } from "./secret-value";

export function JwtPanel({
  jwt,
  family,
  keys,
}: {
  jwt: ModeIdentities["jwt"];
  family: FamilyHistory | null;
  keys: KeyStatusView[];
}) {
  const signInLink = (
    <Link href="/jwt/sign-in?next=%2Fdashboard" className={linkButtonClass}>
      Sign in with a JWT
    </Link>
  );
  if (!jwt) {
    return (
      <Panel
        id="jwt"
        title="JWT"
        signedIn={false}
        subtitle="No valid access token (an expired one is refreshed on the next page load)."
        actions={signInLink}
      />
    );
  }
  const { user, credential } = jwt;
  // With the deny-list off the token itself cannot know its family was revoked: the panel asks.
  const familyRevoked = family?.revokedAt ?? null;
  const [encodedHeader, encodedPayload] = credential.token.split(".");
  const segments = credential.token.split(".").map((part) => part.length);
  return (
    <Panel
      id="jwt"
      title="JWT"
      signedIn={!familyRevoked}
      subtitle={
        familyRevoked ? (
          <>
            Signed out: the refresh family was revoked ({revocationReasonLabel(family?.revokedReason)}) at{" "}
            {formatDateTime(familyRevoked)}. The access token for {user.email} still verifies until it expires
            {env.JWT_DENYLIST ? "" : " (no deny-list: stateless checks cannot see the revocation)"}.
          </>
        ) : (
          user.email
        )
      }
      actions={
        familyRevoked ? (
          signInLink
        ) : (
          <>
            <RefreshButton />
            <JwtSignOutForm />
          </>
        )
      }
    >
      <PanelSection title="The browser holds">
        {credential.cookieName ? (
          <CookieFacts
            testId="jwt-cookie"
            cookie={{
              name: credential.cookieName,
              bytes: Buffer.byteLength(`${credential.cookieName}=${credential.token}`),
              httpOnly: true,
              secure: usesSecureCookies(),
              sameSite: "lax",
              path: "/",
              maxAge: env.JWT_REFRESH_IDLE_TTL,
            }}
          />
        ) : (
          <Facts items={[["Transport", "Authorization: Bearer header"]]} />
        )}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Three base64url segments of {segments.join(" + ")} characters: header, claims, signature. Readable
          by anyone who holds them; only the signature is secret-dependent.
        </p>
        <SecretValue label="Access token (compact JWS)" value={credential.token} />
        <Facts
          items={[
            ["Header (b64)", `${encodedHeader?.slice(0, 24)}…`],
            ["Claims (b64)", `${encodedPayload?.slice(0, 24)}…`],
          ]}
        />
      </PanelSection>
      <PanelSection title="The server verified">
        <JsonBlock label="Decoded JWT header" value={credential.header} />
        <JsonBlock label="Decoded JWT claims" value={credential.claims} />
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Verified with key {credential.header.kid.slice(0, 12)}… and{" "}
          {credential.denyListChecked ? "the deny-list (a database read)" : "no database read"}.
        </p>
        <ul className="space-y-1 text-xs" aria-label="Signing keys that verify today" data-testid="jwt-keys">
          {keys.map((key) => (
            <li key={key.kid} className="flex flex-wrap justify-between gap-x-2 font-mono">
              <span>
                {key.kid.slice(0, 12)}… {key.algorithm}
                {key.kid === credential.header.kid ? " (signed this token)" : ""}
              </span>
              <span className="text-zinc-500 dark:text-zinc-400">
                {key.status === "active"
                  ? "active: signs new tokens"
                  : "retiring: verifies until its tokens expire"}
              </span>
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Expiry">
        <Countdown
          target={credential.expiresAt.toISOString()}
          label="Access token"
          atZero="the token is refused; the browser trades its refresh token for a new pair (watch the family grow)."
          onZero="jwt-refresh"
        />
        {family ? (
          <Countdown
            target={family.absoluteExpiresAt.toISOString()}
            label="Refresh family (absolute)"
            atZero="no more refreshes: sign in again."
          />
        ) : null}
      </PanelSection>
      {family ? (
        <PanelSection title="Refresh family">
          <ol className="space-y-1 text-xs" data-testid="jwt-family">
            {family.tokens.map((token, index) => (
              <li key={token.id} className="flex flex-wrap justify-between gap-x-2 font-mono">
                <span>
                  #{index + 1} issued {formatDateTime(token.issuedAt)}
                </span>
                <span className="text-zinc-500 dark:text-zinc-400">
                  {token.revokedAt
                    ? `revoked (${revocationReasonLabel(token.revokedReason)})`
                    : token.usedAt
                      ? "rotated"
                      : "current"}
                </span>
              </li>
            ))}
          </ol>
        </PanelSection>
      ) : null}
    </Panel>
  );
}
