-- Data only: revocation reasons become the codes of lib/revocation/reasons.ts. Same SQL on
-- SQLite and PostgreSQL. Written by hand: `db:migration` diffs models, and no model changed.

UPDATE "server_sessions" SET "revokedReason" = CASE "revokedReason"
    WHEN 'signed out' THEN 'signed_out'
    WHEN 'sign_out_everywhere' THEN 'signed_out_everywhere'
    WHEN 'password changed' THEN 'password_changed'
    WHEN 'user disabled' THEN 'user_disabled'
    WHEN 'revoked by client' THEN 'revoked_by_client'
    WHEN 'reuse detected' THEN 'reuse_detected'
    WHEN 'replaced by a new sign-in' THEN 'replaced_by_sign_in'
  END
WHERE "revokedReason" IN ('signed out', 'sign_out_everywhere', 'password changed', 'user disabled', 'revoked by client', 'reuse detected', 'replaced by a new sign-in');

UPDATE "refresh_token_families" SET "revokedReason" = CASE "revokedReason"
    WHEN 'signed out' THEN 'signed_out'
    WHEN 'sign_out_everywhere' THEN 'signed_out_everywhere'
    WHEN 'password changed' THEN 'password_changed'
    WHEN 'user disabled' THEN 'user_disabled'
    WHEN 'revoked by client' THEN 'revoked_by_client'
    WHEN 'reuse detected' THEN 'reuse_detected'
    WHEN 'replaced by a new sign-in' THEN 'replaced_by_sign_in'
  END
WHERE "revokedReason" IN ('signed out', 'sign_out_everywhere', 'password changed', 'user disabled', 'revoked by client', 'reuse detected', 'replaced by a new sign-in');

UPDATE "refresh_tokens" SET "revokedReason" = CASE "revokedReason"
    WHEN 'signed out' THEN 'signed_out'
    WHEN 'sign_out_everywhere' THEN 'signed_out_everywhere'
    WHEN 'password changed' THEN 'password_changed'
    WHEN 'user disabled' THEN 'user_disabled'
    WHEN 'revoked by client' THEN 'revoked_by_client'
    WHEN 'reuse detected' THEN 'reuse_detected'
    WHEN 'replaced by a new sign-in' THEN 'replaced_by_sign_in'
  END
WHERE "revokedReason" IN ('signed out', 'sign_out_everywhere', 'password changed', 'user disabled', 'revoked by client', 'reuse detected', 'replaced by a new sign-in');

-- A revoked family's tokens are revoked with it (RFC 9700 §4.14.2); rows written before that
-- rule held get their family's time and reason, so none reads as current.
UPDATE "refresh_tokens" SET
  "revokedAt" = (SELECT f."revokedAt" FROM "refresh_token_families" f WHERE f."id" = "refresh_tokens"."familyId"),
  "revokedReason" = (SELECT f."revokedReason" FROM "refresh_token_families" f WHERE f."id" = "refresh_tokens"."familyId")
WHERE "revokedAt" IS NULL
  AND "familyId" IN (SELECT "id" FROM "refresh_token_families" WHERE "revokedAt" IS NOT NULL);
