import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import RateLimiterStoreAbstract from "rate-limiter-flexible/lib/RateLimiterStoreAbstract";
import { db } from "@/lib/db";

type Row = { points: number | bigint; expire: number | bigint | null };

/** What the store reads: numbers, whatever the driver hands back for an INTEGER/BIGINT. */
function toRow(row: Row | undefined): { points: number; expire: number | null } | null {
  if (!row) return null;
  return { points: Number(row.points), expire: row.expire === null ? null : Number(row.expire) };
}

/**
 * rate-limiter-flexible's store for authlab's database, on both engines, through the one Prisma
 * client (no second pool or connection). The library keeps every decision (consume, penalty,
 * reward, block); this class only stores its counters, each change in ONE atomic statement
 * (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, PostgreSQL and SQLite 3.35+ alike), so
 * parallel requests all count (ASVS 6.3.1).
 *
 * Why not the library's RateLimiterPrisma: it spends two ORM round trips per hit (a delete of
 * the expired row, then an upsert), and an ORM call costs ~10x a raw statement here (docs/security.md
 * has the numbers). RateLimiterPostgres/RateLimiterSQLite want their own driver connection
 * (a second pool beside Prisma's; a second, synchronous SQLite connection that could wait on
 * Prisma's open transaction while blocking the event loop that would end it).
 */
export class RateLimiterDatabase extends RateLimiterStoreAbstract {
  constructor(options: { keyPrefix: string; points: number; duration: number }) {
    // The store client is Prisma's `db`; the library only checks that one is given.
    super({ ...options, storeClient: db });
  }

  protected _getRateLimiterRes(_rlKey: string, changedPoints: number, stored: Row): RateLimiterRes {
    const row = toRow(stored)!;
    const isFirstInDuration = row.points === changedPoints;
    const msBeforeNext = row.expire === null ? -1 : Math.max(row.expire - Date.now(), 0);
    return new RateLimiterRes(
      Math.max(this.points - row.points, 0),
      msBeforeNext,
      row.points,
      isFirstInDuration,
    );
  }

  protected async _upsert(
    key: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<Row> {
    const now = Date.now();
    const expire = msDuration > 0 ? BigInt(now + msDuration) : null;
    // An expired row is a new window: its points and expiry are replaced, not added to.
    const rows = forceExpire
      ? await db.$queryRaw<Row[]>`
          INSERT INTO "rate_limits" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET "points" = excluded."points", "expire" = excluded."expire"
          RETURNING "points", "expire"`
      : await db.$queryRaw<Row[]>`
          INSERT INTO "rate_limits" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET
            "points" = CASE WHEN "rate_limits"."expire" <= ${BigInt(now)} THEN excluded."points"
                            ELSE "rate_limits"."points" + excluded."points" END,
            "expire" = CASE WHEN "rate_limits"."expire" <= ${BigInt(now)} THEN excluded."expire"
                            ELSE "rate_limits"."expire" END
          RETURNING "points", "expire"`;
    const row = rows[0];
    if (!row) throw new Error("rate limit: the upsert returned no row");
    return row;
  }

  protected async _get(key: string): Promise<Row | null> {
    const rows = await db.$queryRaw<Row[]>`
      SELECT "points", "expire" FROM "rate_limits"
      WHERE "key" = ${key} AND ("expire" IS NULL OR "expire" > ${BigInt(Date.now())})`;
    return rows[0] ?? null;
  }

  protected async _delete(key: string): Promise<boolean> {
    return (await db.$executeRaw`DELETE FROM "rate_limits" WHERE "key" = ${key}`) > 0;
  }
}
