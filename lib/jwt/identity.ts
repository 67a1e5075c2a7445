import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { env } from "@/lib/env";
import type { ModeIdentity } from "@/lib/identity/types";
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
  | { presented: "bearer" | "cookie"; identity: ModeIdentity<JwtCredential> }
  | { presented: "bearer" | "cookie"; error: string };

/**
 * Reads the request's JWT: an `Authorization: Bearer` header first (a deliberate choice by the
 * caller), else the access cookie. A bad Bearer token does not fall back to the cookie.
 * Takes plain inputs so route handlers, tests and server components share it.
 */
export async function inspectJwtCredentials(input: {
  authorization: string | null;
  accessCookie: string | undefined;
}): Promise<JwtInspection> {
  const bearer = parseBearer(input.authorization);
  if (bearer.kind === "malformed") return { presented: "bearer", error: "The access token is malformed" };
  const transport = bearer.kind === "token" ? "bearer" : input.accessCookie ? "cookie" : null;
  if (!transport) return { presented: null };
  const token = bearer.kind === "token" ? bearer.token : (input.accessCookie as string);

  const verified = await verifyAccessToken(token);
  if (!verified.ok) return { presented: transport, error: verified.description };
  const { header, claims } = verified;
  return {
    presented: transport,
    identity: {
      mode: "jwt",
      // From the verified claims: no user row is read on this path.
      user: { id: claims.sub, email: claims.email, name: claims.name ?? null, image: null },
      credential: {
        transport,
        cookieName: transport === "cookie" ? jwtCookieNames().access : null,
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

/** This request's JWT inspection, once per request. */
export const inspectJwtRequest = cache(async (): Promise<JwtInspection> => {
  const [headerList, jar] = await Promise.all([headers(), cookies()]);
  return inspectJwtCredentials({
    authorization: headerList.get("authorization"),
    accessCookie: jar.get(jwtCookieNames().access)?.value,
  });
});

/** JWT mode's reader for getIdentity(): the verified user and token, or null. */
export async function readJwtIdentity(): Promise<ModeIdentity<JwtCredential> | null> {
  const inspection = await inspectJwtRequest();
  return "identity" in inspection ? inspection.identity : null;
}
