import "server-only";
import { env } from "@/lib/env";
import type { CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { verifyAccessToken, type AccessTokenClaims, type AccessTokenHeader } from "./access-token";
import { parseBearer } from "./bearer";
import { jwtCookieNames } from "./cookies";

/** What JWT mode found on a request, for the dashboard and /api/me. */
export type JwtCredential = {
  transport: "bearer" | "cookie";
  /** The cookie it came from (null for a Bearer header). */
  cookieName: string | null;
  /**
   * The compact token, for the dashboard's "as the browser holds it" view of the user's own
   * token. Never put it in a JSON response or a log line.
   */
  token: string;
  sizeBytes: number;
  header: AccessTokenHeader;
  claims: AccessTokenClaims;
  issuedAt: Date;
  expiresAt: Date;
  familyId: string;
  /** True when this check also read the deny-list (JWT_DENYLIST=1). */
  denyListChecked: boolean;
};

export type JwtInspection =
  | { presented: null }
  | { presented: "bearer" | "cookie"; identity: JwtIdentity }
  | { presented: "bearer" | "cookie"; error: string };

export type JwtIdentity = ModeIdentity<"jwt", JwtCredential>;

/**
 * Reads the request's JWT: an `Authorization: Bearer` header first (a deliberate choice by the
 * caller), else the access cookie. A bad Bearer token does not fall back to the cookie.
 * With JWT_DENYLIST off this reads no database row: the user comes from the verified claims.
 */
export async function inspectJwtCredentials(source: CredentialSource): Promise<JwtInspection> {
  const bearer = parseBearer(source.headers.get("authorization"));
  if (bearer.kind === "malformed") return { presented: "bearer", error: "The access token is malformed" };
  const cookieName = jwtCookieNames().access;
  const cookie = bearer.kind === "none" ? source.cookie(cookieName) : undefined;
  const token = bearer.kind === "token" ? bearer.token : cookie;
  if (!token) return { presented: null };
  const transport = bearer.kind === "token" ? "bearer" : "cookie";

  const verified = await verifyAccessToken(token);
  if (!verified.ok) return { presented: transport, error: verified.reason };
  const { header, claims } = verified.value;
  return {
    presented: transport,
    identity: {
      mode: "jwt",
      user: { id: claims.sub, email: claims.email, name: claims.name ?? null, image: null },
      credential: {
        transport,
        cookieName: transport === "cookie" ? cookieName : null,
        token,
        sizeBytes: Buffer.byteLength(token, "utf8"),
        header,
        claims,
        issuedAt: new Date(claims.iat * 1000),
        expiresAt: new Date(claims.exp * 1000),
        familyId: claims.sid,
        denyListChecked: env.JWT_DENYLIST,
      },
    },
  };
}

/** JWT mode's reader for getIdentity(): the verified user and token, or null. */
export async function readJwtIdentity(source: CredentialSource): Promise<JwtIdentity | null> {
  const inspection = await inspectJwtCredentials(source);
  return "identity" in inspection ? inspection.identity : null;
}
