import "server-only";
import { db, type Prisma } from "@/lib/db";
import { logger } from "@/lib/log";
import type { RequestContext } from "@/lib/security/request";
import type { AuthMode } from "@/lib/core/identity";

/** Audit event types, `<area>.<what happened>`. Add new ones here so the timeline can label them. */
export const AUDIT_EVENT_TYPES = [
  "user.signed_up",
  "user.sign_up_existing",
  "user.password_changed",
  "user.disabled",
  "user.enabled",
  "sign_in.succeeded",
  "sign_in.failed",
  "sign_in.rate_limited",
  "sign_out",
  "session.revoked",
  "session.revoked_all",
  "session.expired",
  "token.refreshed",
  "token.reuse_detected",
  "token.family_revoked",
  "token.revoked",
  "key.rotated",
  "account.linked",
  "account.unlinked",
  "account.link_refused",
  "account.unlink_refused",
  "api_key.created",
  "api_key.revoked",
  "api_key.used",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type AuditEventInput = {
  type: AuditEventType;
  mode?: AuthMode;
  userId?: string | null;
  context?: RequestContext;
  /** Never tokens, hashes or passwords: this is shown to the user on their timeline. */
  detail?: Prisma.InputJsonValue;
};

/**
 * Appends to the audit log (ASVS 16.3.x). A failure to write is logged, never thrown: an audit
 * outage must not turn a sign-out into an error page.
 */
export async function recordAuditEvent(event: AuditEventInput): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        type: event.type,
        mode: event.mode ?? null,
        userId: event.userId ?? null,
        ipAddress: event.context?.ipAddress ?? null,
        userAgent: event.context?.userAgent ?? null,
        detail: event.detail,
      },
    });
  } catch (error) {
    logger.error("audit: write failed", { type: event.type, error });
  }
}
