import "server-only";
import { env } from "@/lib/env";
import type { CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { fail, ok, type Result } from "@/lib/core/result";
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

/**
 * What the request's JWT says: `ok(null)` when none was presented, `ok(identity)` when it
 * verified, else why not (a human description, safe for RFC 6750's `error_description`).
 */
export type JwtInspection = Result<JwtIdentity | null>;

export type JwtIdentity = ModeIdentity<"jwt", JwtCredential>;

/**
 * Reads the request's JWT: an `Authorization: Bearer` header first (a deliberate choice by the
 * caller), else the access cookie. A bad Bearer token does not fall back to the cookie.
 * With JWT_DENYLIST off this reads no database row: the user comes from the verified claims.
 */
export async function inspectJwtCredentials(source: CredentialSource): Promise<JwtInspection> {
  const bearer = parseBearer(source.headers.get("authorization"));
  if (bearer.kind === "malformed") return fail("The access token is malformed");
  const cookieName = jwtCookieNames().access;
  const cookie = bearer.kind === "none" ? source.cookie(cookieName) : undefined;
  const token = bearer.kind === "token" ? bearer.token : cookie;
  if (!token) return ok(null);
  const transport = bearer.kind === "token" ? "bearer" : "cookie";

  const verified = await verifyAccessToken(token);
  if (!verified.ok) return verified;
  const { header, claims } = verified.value;
  return ok({
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
  });
}

/** JWT mode's reader for getIdentity(): the verified user and token, or null. */
export async function readJwtIdentity(source: CredentialSource): Promise<JwtIdentity | null> {
  const inspection = await inspectJwtCredentials(source);
  return inspection.ok ? inspection.value : null;
}
