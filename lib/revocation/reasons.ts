// Why a credential ended: one typed set, stored as the code in `revokedReason` and in audit
// details, and shown to people only through its label.

/** Every reason a credential can end, with the words the UI shows for it. */
export const REVOCATION_REASONS = {
  signed_out: "signed out",
  signed_out_everywhere: "signed out everywhere",
  password_changed: "password changed",
  user_disabled: "account disabled",
  revoked_by_user: "revoked from the sessions page",
  // RFC 7009: the client that held the token asked for it to end.
  revoked_by_client: "revoked by the client",
  // RFC 9700 §4.14.2: a used refresh token came back, so its whole family ended.
  reuse_detected: "refresh token reused",
  expired: "expired",
  replaced_by_sign_in: "replaced by a new sign-in",
} as const satisfies Record<string, string>;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

/**
 * Spellings written before the reasons were one set. A migration rewrites stored rows to the
 * codes; this keeps any row it could not reach (a restored backup) readable.
 */
const LEGACY_SPELLINGS: ReadonlyMap<string, RevocationReason> = new Map([
  ["signed out", "signed_out"],
  ["sign_out_everywhere", "signed_out_everywhere"],
  ["password changed", "password_changed"],
  ["user disabled", "user_disabled"],
  ["revoked by client", "revoked_by_client"],
  ["reuse detected", "reuse_detected"],
  ["replaced by a new sign-in", "replaced_by_sign_in"],
]);

export function isRevocationReason(value: string): value is RevocationReason {
  return Object.hasOwn(REVOCATION_REASONS, value);
}

/** The code for a stored value (current or legacy spelling), or null when it is neither. */
export function parseRevocationReason(stored: string | null | undefined): RevocationReason | null {
  if (!stored) return null;
  if (isRevocationReason(stored)) return stored;
  return LEGACY_SPELLINGS.get(stored) ?? null;
}

/** What the UI shows for a stored reason; never the raw column value. */
export function revocationReasonLabel(stored: string | null | undefined): string {
  const reason = parseRevocationReason(stored);
  return reason ? REVOCATION_REASONS[reason] : "no reason recorded";
}
