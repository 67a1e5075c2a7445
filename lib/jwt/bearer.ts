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

/**
 * RFC 6750 §3: the WWW-Authenticate challenge. With no error (nothing was presented) it carries
 * only the realm; with one it names the error and a human description.
 */
export function bearerChallenge(error?: {
  code: "invalid_token" | "invalid_request";
  description: string;
}): string {
  const parts = [`realm=${quoted("authlab")}`];
  if (error) parts.push(`error=${quoted(error.code)}`, `error_description=${quoted(error.description)}`);
  return `Bearer ${parts.join(", ")}`;
}

/** 401 (or 400 for a malformed request) with the RFC 6750 header and our JSON error body. */
export function bearerErrorResponse(error?: {
  code: "invalid_token" | "invalid_request";
  description: string;
}): Response {
  const status = error?.code === "invalid_request" ? 400 : 401;
  return jsonError(
    status,
    error?.code ?? "unauthorized",
    error?.description ?? "Sign in, or send an access token as Authorization: Bearer <token>.",
    { "WWW-Authenticate": bearerChallenge(error) },
  );
}
