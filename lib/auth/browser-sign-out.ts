import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import type { CredentialSource } from "@/lib/core/identity";
import { jwtCookieNames } from "@/lib/jwt/cookies";
import { retirePreviousFamily } from "@/lib/jwt/token-pair";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import type { RequestContext } from "@/lib/security/request";

/**
 * Session-mode sign-out sends `Clear-Site-Data: "cookies"`, so the browser drops the JWT and
 * Auth.js cookies too. Their server-side state ends with them (ASVS 7.4.1): the JWT refresh
 * family named by the access cookie is revoked and the Auth.js session row deleted, so a copy of
 * either cookie elsewhere stops working as well.
 */
export async function endOtherModesInBrowser(
  source: CredentialSource,
  context: RequestContext,
): Promise<void> {
  await retirePreviousFamily(source.cookie(jwtCookieNames().access));
  const oauthToken = source.cookie(oauthSessionCookieName());
  if (oauthToken && oauthToken.length <= 512) {
    const row = await db.session.findUnique({
      where: { sessionToken: oauthToken },
      select: { id: true, userId: true },
    });
    if (row) {
      await db.session.deleteMany({ where: { id: row.id } });
      await recordAuditEvent({
        type: "sign_out",
        mode: "oauth",
        userId: row.userId,
        context,
        detail: { via: "clear-site-data" },
      });
    }
  }
}
