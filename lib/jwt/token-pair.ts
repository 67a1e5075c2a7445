import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { env } from "@/lib/env";
import type { RequestContext } from "@/lib/security/request";
import {
  denyAccessToken,
  signAccessToken,
  verifyAccessToken,
  type SignedAccessToken,
  type TokenSubject,
} from "./access-token";
import {
  issueRefreshFamily,
  revokeRefreshFamily,
  rotateRefreshToken,
  type IssuedRefreshToken,
  type RefreshFailure,
  type RotationOptions,
} from "./refresh-tokens";

export type TokenPair = { access: SignedAccessToken; refresh: IssuedRefreshToken };

/** After a successful password check: a new family, its first refresh token and an access token. */
export async function issueTokenPair(user: TokenSubject, context: RequestContext): Promise<TokenPair> {
  const refresh = await issueRefreshFamily(user.id, context);
  const access = await signAccessToken({ user, familyId: refresh.familyId });
  await recordAuditEvent({
    type: "sign_in.succeeded",
    mode: "jwt",
    userId: user.id,
    context,
    detail: { familyId: refresh.familyId },
  });
  return { access, refresh };
}

export type RefreshResult = ({ ok: true } & TokenPair) | { ok: false; reason: RefreshFailure };

/** Rotates a refresh token and signs a new access token for the same family. */
export async function refreshTokenPair(
  refreshToken: unknown,
  context: RequestContext,
  options: RotationOptions = {},
): Promise<RefreshResult> {
  const rotated = await rotateRefreshToken(refreshToken, context, options);
  if (!rotated.ok) return rotated;
  const access = await signAccessToken({ user: rotated.user, familyId: rotated.refresh.familyId });
  return { ok: true, access, refresh: rotated.refresh };
}

/**
 * Browser sign-out: the family named by the access token's `sid` is revoked (so the refresh
 * cookie is dead even if a copy exists elsewhere) and, with the deny-list on, the access token
 * itself is refused from now on. Without the deny-list it stays valid until its exp: the
 * trade-off this mode exists to show. An expired but authentic token still names its family.
 */
export async function signOutWithAccessToken(
  accessToken: string | undefined,
  context: RequestContext,
): Promise<boolean> {
  if (!accessToken) return false;
  const verified = await verifyAccessToken(accessToken, { allowExpired: true, skipDenyList: true });
  if (!verified.ok) return false;
  const { claims } = verified;
  await revokeRefreshFamily(claims.sid, "signed out");
  if (env.JWT_DENYLIST && claims.exp * 1000 > Date.now()) await denyAccessToken(claims);
  await recordAuditEvent({
    type: "sign_out",
    mode: "jwt",
    userId: claims.sub,
    context,
    detail: { familyId: claims.sid, accessTokenDenied: env.JWT_DENYLIST },
  });
  return true;
}

/**
 * On a new sign-in, revokes the family named by the access cookie the browser still holds (even
 * expired), so the replaced sign-in cannot be refreshed by a copy of its refresh token.
 */
export async function retirePreviousFamily(accessToken: string | undefined): Promise<void> {
  if (!accessToken) return;
  const verified = await verifyAccessToken(accessToken, { allowExpired: true, skipDenyList: true });
  if (verified.ok) await revokeRefreshFamily(verified.claims.sid, "replaced by a new sign-in");
}
