import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { fail, ok, type Result } from "@/lib/core/result";
import { env } from "@/lib/env";

export type CronRefusal = "disabled" | "unauthorized";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * Is this request Vercel Cron (or an operator) holding CRON_SECRET? Vercel sends it as
 * `Authorization: Bearer <CRON_SECRET>`. Without CRON_SECRET the job is disabled, never open.
 */
export function authorizeCronRequest(request: Request): Result<void, CronRefusal> {
  const secret = env.CRON_SECRET;
  if (!secret) return fail("disabled");
  const presented = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // ASVS 5.0 V11.2.4: compare in constant time; equal-length digests so the length leaks nothing.
  return timingSafeEqual(digest(presented), digest(secret)) ? ok(undefined) : fail("unauthorized");
}
