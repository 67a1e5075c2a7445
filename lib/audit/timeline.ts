import "server-only";
import { db } from "@/lib/db";

export type TimelineEvent = {
  id: string;
  type: string;
  mode: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
};

/** A user's most recent audit events, newest first (what the dashboard's activity shows). */
export async function listUserAuditEvents(userId: string, limit = 25): Promise<TimelineEvent[]> {
  return db.auditEvent.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, type: true, mode: true, ipAddress: true, userAgent: true, createdAt: true },
  });
}
