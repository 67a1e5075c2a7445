import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import type { RequestContext } from "@/lib/security/request";
import type { StoredApiKey } from "./store";

/** Every SAMPLE_EVERY-th use is audited (and the first, and a use from a new address). */
export const SAMPLE_EVERY = 100;

/** How long one process gathers a key's further uses before it writes them, in one update. */
export const USE_FLUSH_MS = 2000;

type KeyRef = Pick<StoredApiKey, "id" | "userId" | "prefix" | "lastUsedIp">;

/** Uses of one key seen by this process since its last write. */
type Gathered = {
  key: KeyRef;
  uses: number;
  lastUsedAt: Date;
  context: RequestContext;
  timer: ReturnType<typeof setTimeout>;
};

const gathered = new Map<string, Gathered>();

/**
 * Writes `uses` uses of a key: `useCount` by an atomic increment (exact under any concurrency and
 * on every instance), last use time and address. The audit log gets a sample, not a row per
 * request (ASVS 16.3.x without turning every API call into an audit write): the first use, each
 * time the count passes a multiple of SAMPLE_EVERY, and a use from a new address.
 */
async function writeUses(
  key: KeyRef,
  uses: number,
  lastUsedAt: Date,
  context: RequestContext,
  newAddress: boolean,
) {
  const { useCount } = await db.apiKey.update({
    where: { id: key.id },
    data: { useCount: { increment: uses }, lastUsedAt, lastUsedIp: context.ipAddress },
    select: { useCount: true },
  });
  const before = useCount - uses;
  const first = before === 0;
  const sampled = Math.floor(useCount / SAMPLE_EVERY) > Math.floor(before / SAMPLE_EVERY);
  if (!first && !sampled && !newAddress) return;
  await recordAuditEvent({
    type: "api_key.used",
    mode: "apikey",
    userId: key.userId,
    context,
    detail: {
      keyId: key.id,
      prefix: key.prefix,
      useCount,
      sample: first ? "first use" : newAddress ? "new address" : `every ${SAMPLE_EVERY}`,
    },
  });
}

/** Takes a key's gathered uses out of the map (synchronously) and writes them. */
function release(id: string): Promise<void> {
  const open = gathered.get(id);
  if (!open) return Promise.resolve();
  gathered.delete(id);
  clearTimeout(open.timer);
  return open.uses > 0
    ? writeUses(open.key, open.uses, open.lastUsedAt, open.context, false)
    : Promise.resolve();
}

/**
 * Counts one authenticated use. The first use in a while, or one from another address, is written
 * at once (so the key's page and the audit log show it); further uses from the same address are
 * gathered for USE_FLUSH_MS and written in one update, so a busy key costs one write per key per
 * window, not one per request (issue #11: the write, not the check, dominated a key's cost). If a
 * process stops, at most its last window's count is lost; never a revocation or a limit (those
 * are read from the store on every request).
 */
export async function recordApiKeyUse(key: KeyRef, context: RequestContext, now = new Date()): Promise<void> {
  const open = gathered.get(key.id);
  if (open && open.context.ipAddress === context.ipAddress) {
    open.uses += 1;
    open.lastUsedAt = now;
    open.context = context;
    return;
  }
  // Every map change happens before the first await: parallel uses never lose a count.
  const previousAddress = open ? open.context.ipAddress : key.lastUsedIp;
  const earlier = release(key.id);
  const timer = setTimeout(() => {
    release(key.id).catch((error: unknown) => logger.warn("api key: use failed", { error }));
  }, USE_FLUSH_MS);
  timer.unref?.();
  gathered.set(key.id, { key, uses: 0, lastUsedAt: now, context, timer });
  await earlier;
  const newAddress = context.ipAddress !== null && context.ipAddress !== previousAddress;
  await writeUses(key, 1, now, context, newAddress);
}

/** Writes every gathered use now (tests, and a process about to stop). */
export async function flushApiKeyUses(): Promise<void> {
  await Promise.all([...gathered.keys()].map(release));
}
