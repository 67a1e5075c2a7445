import "server-only";
import type { CredentialSource } from "@/lib/core/identity";
import { jwtCredentialsHeld } from "@/lib/jwt/token-pair";
import { oauthCredentialsHeld } from "@/lib/oauth/sessions";
import { type EndedCredential, revokeSignIn } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import { sessionCredentialsHeld } from "@/lib/session/service";

/**
 * Session-mode sign-out sends `Clear-Site-Data: "cookies"`, so the browser drops every mode's
 * cookies. Their server-side state ends with them (ASVS 7.4.1): the server session, the JWT
 * refresh family (and access token) named by the access cookie, and the Auth.js session, so a
 * copy of any of those cookies elsewhere stops working too.
 */
export async function endBrowserSignIn(
  source: CredentialSource,
  context: RequestContext,
): Promise<EndedCredential[]> {
  const held = await Promise.all([
    sessionCredentialsHeld(source),
    jwtCredentialsHeld(source),
    oauthCredentialsHeld(source),
  ]);
  return revokeSignIn(held.flat(), "signed_out", context);
}
