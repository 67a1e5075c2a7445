-- Data only (issue 10, item 7): Auth.js credentials are no longer stored as issued. Same SQL on
-- SQLite and PostgreSQL. Written by hand: `db:migration` diffs models, and no column changed.

-- auth_sessions."sessionToken" now holds the SHA-256 (hex) of the cookie's token, never the token
-- (lib/oauth/adapter.ts). A plaintext row cannot be told apart from a digest, so every existing
-- Auth.js session is deleted: those users sign in with their provider again. Nothing else is
-- affected (session mode, JWTs and API keys already stored digests).
DELETE FROM "auth_sessions";

-- Provider access, refresh and ID tokens are no longer kept at all (nothing in authlab calls a
-- provider's API after sign-in), nor their expiry, type and OIDC session state. The links
-- themselves (provider, account id, scopes) stay.
UPDATE "accounts" SET
  "refresh_token" = NULL,
  "access_token" = NULL,
  "expires_at" = NULL,
  "token_type" = NULL,
  "id_token" = NULL,
  "session_state" = NULL
WHERE "refresh_token" IS NOT NULL
   OR "access_token" IS NOT NULL
   OR "expires_at" IS NOT NULL
   OR "token_type" IS NOT NULL
   OR "id_token" IS NOT NULL
   OR "session_state" IS NOT NULL;
