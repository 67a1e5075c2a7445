import "server-only";
import type { CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { fail, ok, type Result } from "@/lib/core/result";
import { afterResponse } from "@/lib/http/after-response";
import { HttpError, tooManyAttempts } from "@/lib/http/errors";
import { bearerChallenge } from "@/lib/jwt/bearer";
import { hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { requestContextFrom } from "@/lib/security/request";
import { timeCryptoSync } from "@/lib/timing";
import { apiKeyMatches, apiKeyPrefixOf, looksLikeApiKey } from "./format";
import { type ApiKeyScope, isApiKeyScope } from "./scopes";
import { findApiKeyByPrefix, type StoredApiKey } from "./store";
import { recordApiKeyUse } from "./usage";

/** What API-key mode found on a request (never the key or its hash). */
export type ApiKeyCredential = {
  keyId: string;
  prefix: string;
  transport: "bearer" | "x-api-key";
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
};

export type ApiKeyIdentity = ModeIdentity<"apikey", ApiKeyCredential>;

/** The key on the request: `Authorization: Bearer ak_…`, else `X-API-Key`. */
function presentedKey(headers: Headers): { key: string; transport: ApiKeyCredential["transport"] } | null {
  const authorization = headers.get("authorization");
  const bearer = authorization ? /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1] : undefined;
  if (bearer && looksLikeApiKey(bearer)) return { key: bearer, transport: "bearer" };
  const header = headers.get("x-api-key")?.trim();
  return header ? { key: header, transport: "x-api-key" } : null;
}

// One description for every refused key (unknown, wrong secret, revoked, expired, disabled
// account): the answer tells a caller only that this key does not work (RFC 6750 §3.1).
const INVALID_KEY = "The API key is not valid: unknown, revoked or expired.";

function invalidKey(): HttpError {
  return new HttpError(401, "invalid_token", INVALID_KEY, {
    "WWW-Authenticate": bearerChallenge({ code: "invalid_token", description: INVALID_KEY }),
  });
}

function insufficientScope(scope: string): HttpError {
  const description = `This API key does not have the ${scope} scope.`;
  return new HttpError(403, "insufficient_scope", description, {
    "WWW-Authenticate": bearerChallenge({ code: "insufficient_scope", description, scope }),
  });
}

/**
 * The check itself: one indexed read by prefix through the driver (the key and its user), then a
 * constant-time compare of SHA-256 digests; revoked, expired, a disabled account or a wrong secret
 * are all "invalid". Every check reads the row, so a revocation is refused on the next request on
 * every instance (a cache here would need revocation to reach it: docs/api-keys.md).
 */
export async function verifyApiKey(
  key: string,
  scope: string,
  now: Date = new Date(),
): Promise<Result<StoredApiKey, "invalid" | "insufficient_scope">> {
  const prefix = apiKeyPrefixOf(key);
  if (!prefix) return fail("invalid");
  const row = await findApiKeyByPrefix(prefix);
  const matches = timeCryptoSync(() => apiKeyMatches(row?.hash ?? null, key));
  if (!row || !matches || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) {
    return fail("invalid");
  }
  return isApiKeyScope(scope) && row.scopes.includes(scope) ? ok(row) : fail("insufficient_scope");
}

/**
 * API-key mode's reader. It reads only where the route asked for keys (`source.apiKeyScope`: the
 * API routes that accept them), so a key never authenticates a page or a server action. There,
 * a presented key decides the request (an explicit credential, like a Bearer JWT): a key that
 * does not verify is a 401 and one without the route's scope a 403, never a fallback to cookies.
 * Then the key's own rate limit; the use is counted after the response.
 */
export async function readApiKeyIdentity(source: CredentialSource): Promise<ApiKeyIdentity | null> {
  const scope = source.apiKeyScope;
  if (!scope) return null;
  const presented = presentedKey(source.headers);
  if (!presented) return null;
  const now = new Date();
  const verified = await verifyApiKey(presented.key, scope, now);
  if (!verified.ok) throw verified.reason === "invalid" ? invalidKey() : insufficientScope(scope);
  const row = verified.value;

  // Per key, not per address: a key shared by many hosts is still one client (ASVS 2.4.1).
  const limit = await hitRateLimit(RATE_LIMITS.apiKeyPerKey, row.id);
  if (!limit.allowed) throw tooManyAttempts(limit.retryAfterSeconds);

  const context = requestContextFrom(source.headers);
  await afterResponse("api key: use", () => recordApiKeyUse(row, context, now));
  const { disabledAt: _disabled, ...user } = row.user;
  return {
    mode: "apikey",
    user,
    credential: {
      keyId: row.id,
      prefix: row.prefix,
      transport: presented.transport,
      scopes: row.scopes,
      expiresAt: row.expiresAt,
    },
  };
}
