import Link from "next/link";
import { ApiButton } from "@/app/_components/api-button";
import { formatDateTime } from "@/app/_components/format";
import { env } from "@/lib/env";
import type { ModeIdentities } from "@/lib/identity";
import { describeUserAgent } from "@/lib/security/user-agent";
import { sessionCookieAttributes } from "@/lib/session/cookie";
import { CookieFacts } from "./cookie-facts";
import { Countdown } from "./countdown";
import { Facts, linkButtonClass, Panel, PanelSection } from "./panel";
import { SecretValue } from "./secret-value";

export function SessionPanel({ session }: { session: ModeIdentities["session"] }) {
  if (!session) {
    return (
      <Panel
        id="session"
        title="Session"
        signedIn={false}
        subtitle="No session cookie, or one the server no longer recognises."
        actions={
          <Link href="/session/sign-in?next=%2Fdashboard" className={linkButtonClass}>
            Sign in with a session
          </Link>
        }
      />
    );
  }
  const { user, credential } = session;
  const row = credential.session;
  const attributes = sessionCookieAttributes(env.SESSION_ABSOLUTE_TIMEOUT);
  const { browser, device } = describeUserAgent(row.userAgent);
  return (
    <Panel
      id="session"
      title="Session"
      signedIn
      subtitle={user.email}
      actions={
        <>
          <Link href="/account/sessions" className={linkButtonClass}>
            Sessions
          </Link>
          <ApiButton endpoint="/api/session/sign-out" pendingLabel="Signing out…" variant="danger">
            Sign out
          </ApiButton>
        </>
      }
    >
      <PanelSection title="The browser holds">
        <CookieFacts
          testId="session-cookie"
          cookie={{ name: credential.cookieName, bytes: credential.cookieBytes, ...attributes }}
        />
        <SecretValue label="Sealed cookie value (opaque to the browser)" value={credential.sealedValue} />
      </PanelSection>
      <PanelSection title="The server sees">
        <Facts
          items={[
            ["Unsealed", JSON.stringify(credential.payload)],
            ["Session row", row.id],
            ["Created", formatDateTime(row.createdAt)],
            ["Last seen", formatDateTime(row.lastSeenAt)],
            ["IP", row.ipAddress ?? "unknown"],
            ["Device", `${browser} on ${device}`],
          ]}
        />
      </PanelSection>
      <PanelSection title="Expiry">
        <Countdown
          target={row.idleExpiresAt.toISOString()}
          label="Idle timeout"
          atZero="the server forgets this session (any request before then slides it forward)."
        />
        <Countdown
          target={row.absoluteExpiresAt.toISOString()}
          label="Absolute lifetime"
          atZero="the session ends however active it is; sign in again."
        />
      </PanelSection>
    </Panel>
  );
}
