import "server-only";
import { jsonError } from "@/lib/http/json";

export type BearerCredential =
  | { kind: "none" }
  | { kind: "token"; token: string }
  /** An Authorization: Bearer header that is not a single token68 value: refused as invalid_token. */
  | { kind: "malformed" };

// RFC 6750 §2.1: `Bearer` (any casing) and one token68 value.
const BEARER = /^bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** Reads `Authorization: Bearer <token>`. Other schemes (Basic, API keys) are "none" here. */
export function parseBearer(authorization: string | null | undefined): BearerCredential {
  if (!authorization) return { kind: "none" };
  if (!/^bearer(\s|$)/i.test(authorization)) return { kind: "none" };
  // Bounded before the regex runs; verifyAccessToken refuses long tokens again, cheaply.
  if (authorization.length > 16 * 1024) return { kind: "malformed" };
  const match = BEARER.exec(authorization);
  return match?.[1] ? { kind: "token", token: match[1] } : { kind: "malformed" };
}

/** A quoted-string value for WWW-Authenticate: no quotes, backslashes or control characters. */
function quoted(value: string): string {
  return `"${value.replace(/["\\\u0000-\u001f\u007f]/g, "")}"`;
}

/** An RFC 6750 §3.1 error: what was wrong with the presented bearer credential. */
export type BearerError = {
  code: "invalid_token" | "invalid_request" | "insufficient_scope";
  description: string;
  /** For insufficient_scope: the scope the resource needs. */
  scope?: string;
};

/**
 * RFC 6750 §3: the WWW-Authenticate challenge, for access tokens and API keys alike (both are
 * bearer credentials). With no error (nothing was presented) it carries only the realm; with one
 * it names the error, the scope the resource needs (insufficient_scope) and a human description.
 */
export function bearerChallenge(error?: BearerError): string {
  const parts = [`realm=${quoted("authlab")}`];
  if (error) {
    parts.push(`error=${quoted(error.code)}`);
    if (error.scope) parts.push(`scope=${quoted(error.scope)}`);
    parts.push(`error_description=${quoted(error.description)}`);
  }
  return `Bearer ${parts.join(", ")}`;
}

/** RFC 6750 §3.1's status for each error: 400, 401 or 403. */
const BEARER_STATUS = { invalid_request: 400, invalid_token: 401, insufficient_scope: 403 } as const;

/** 401 (400 for a malformed request, 403 for a missing scope) with the RFC 6750 header and our JSON error body. */
export function bearerErrorResponse(error?: BearerError): Response {
  return jsonError(
    error ? BEARER_STATUS[error.code] : 401,
    error?.code ?? "unauthorized",
    error?.description ?? "Sign in, or send an access token as Authorization: Bearer <token>.",
    { "WWW-Authenticate": bearerChallenge(error) },
  );
}
