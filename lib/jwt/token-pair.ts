import "server-only";
import { ok, type Result } from "@/lib/core/result";
import { recordAuditEvent } from "@/lib/audit";
import type { CredentialSource } from "@/lib/core/identity";
import { type CredentialRef, revokeCredential, revokeSignIn } from "@/lib/revocation";
import type { RequestContext } from "@/lib/security/request";
import {
  signAccessToken,
  verifyAccessToken,
  type SignedAccessToken,
  type TokenSubject,
} from "./access-token";
import { jwtCookieNames } from "./cookies";
import {
  issueRefreshFamily,
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

export type RefreshResult = Result<TokenPair, RefreshFailure>;

/** Rotates a refresh token and signs a new access token for the same family. */
export async function refreshTokenPair(
  refreshToken: unknown,
  context: RequestContext,
  options: RotationOptions = {},
): Promise<RefreshResult> {
  const rotated = await rotateRefreshToken(refreshToken, context, options);
  if (!rotated.ok) return rotated;
  const { user, refresh } = rotated.value;
  const access = await signAccessToken({ user, familyId: refresh.familyId });
  return ok({ access, refresh });
}

/**
 * What a JWT access token stands for, as revocation takes it: its refresh family and, while it
 * is unexpired, its own jti. An expired but authentic token still names its family.
 */
async function credentialsOfAccessToken(accessToken: string | undefined): Promise<CredentialRef[]> {
  if (!accessToken) return [];
  const verified = await verifyAccessToken(accessToken, { allowExpired: true, skipDenyList: true });
  if (!verified.ok) return [];
  const { sid, sub, jti, exp } = verified.value.claims;
  const held: CredentialRef[] = [{ kind: "refresh_family", id: sid, userId: sub }];
  if (exp * 1000 > Date.now()) {
    held.push({ kind: "access_token", id: jti, userId: sub, expiresAt: new Date(exp * 1000) });
  }
  return held;
}

/** What this browser holds of JWT mode (its access cookie), for ending its whole sign-in. */
export async function jwtCredentialsHeld(source: CredentialSource): Promise<CredentialRef[]> {
  return credentialsOfAccessToken(source.cookie(jwtCookieNames().access));
}

/**
 * Browser sign-out: the family named by the access token's `sid` is revoked (so the refresh
 * cookie is dead even if a copy exists elsewhere) and the access token's jti deny-listed. With
 * the deny-list off the token stays valid until its exp: the trade-off this mode exists to show.
 */
export async function signOutWithAccessToken(
  accessToken: string | undefined,
  context: RequestContext,
): Promise<boolean> {
  const ended = await revokeSignIn(await credentialsOfAccessToken(accessToken), "signed_out", context);
  return ended.length > 0;
}

/**
 * On a new sign-in, revokes the family named by the access cookie the browser still holds (even
 * expired), so the replaced sign-in cannot be refreshed by a copy of its refresh token.
 */
export async function retirePreviousFamily(
  accessToken: string | undefined,
  context: RequestContext,
): Promise<void> {
  const [family] = await credentialsOfAccessToken(accessToken);
  if (family) await revokeCredential(family, "replaced_by_sign_in", context);
}
