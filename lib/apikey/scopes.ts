// What an API key may do. Shared with the browser (the create form lists them), so nothing here
// is server-only. A key carries only the scopes chosen when it was made, and each API route that
// accepts keys names the one scope it needs (RFC 6750 §3.1 `insufficient_scope` otherwise).

export const API_KEY_SCOPES = {
  "read:profile": "Read your profile: GET /api/me",
  "read:sessions": "List your sign-ins in every mode: GET /api/me/sessions",
} as const satisfies Record<string, string>;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as [ApiKeyScope, ...ApiKeyScope[]];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return Object.hasOwn(API_KEY_SCOPES, value);
}

/** The scopes column (space-separated, as OAuth's `scope`) as a list of known scopes. */
export function parseScopes(stored: string): ApiKeyScope[] {
  return stored.split(" ").filter(isApiKeyScope);
}

/** Expiry choices offered by the create form, in days (null: never expires). */
export const API_KEY_EXPIRY_DAYS = [7, 30, 90, 365, null] as const;
