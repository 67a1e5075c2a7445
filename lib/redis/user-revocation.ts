import "server-only";
import { withRedis } from "./client";
import { notBeforeKey } from "./deny-list";
import { PREFIX, REVOKE_ALL_SCRIPT, userSessionsKey } from "./sessions";

/**
 * Every Redis credential of a user at once (lib/revocation's "every credential"): the access
 * tokens' cut-off (kept `notBeforeTtlMs`, as long as a token issued before it can live) and every
 * live session but `keepId`, in one MULTI: both or neither. Returns the ended sessions' ids.
 */
export async function revokeUserInRedis(
  userId: string,
  options: { keepId: string | undefined; revokedAt: Date; reason: string; notBeforeTtlMs: number },
): Promise<string[]> {
  const results = await withRedis((client) =>
    client
      .multi()
      .set(notBeforeKey(userId), String(options.revokedAt.getTime()), "PX", options.notBeforeTtlMs)
      .eval(
        REVOKE_ALL_SCRIPT,
        1,
        userSessionsKey(userId),
        PREFIX,
        options.keepId ?? "",
        options.revokedAt.getTime(),
        options.reason,
      )
      .exec(),
  );
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error("redis: the revocation was not run");
  return results[1]![1] as string[];
}
