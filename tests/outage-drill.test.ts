// The lab's outage drill (lib/db/outage-drill.ts): inside it every store round trip fails as an
// unreachable store fails; outside it, at the same moment, the store answers as usual.
import { describe, expect, it } from "vitest";
import { db, readRows } from "@/lib/db";
import { isStoreUnavailable } from "@/lib/db/errors";
import { duringStoreOutage } from "@/lib/db/outage-drill";

const failure = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => error,
  );

describe("the store outage drill", () => {
  it("refuses Prisma and driver reads inside the drill as an unreachable store, and only there", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const drill = duringStoreOutage(async () => {
      const orm = await failure(db.user.count());
      await gate; // held open while another request runs
      return { orm, driver: await failure(readRows(`SELECT 1 AS "one"`, [])) };
    });
    // Another request while the drill is under way, outside it: the store answers it.
    const outside = await db.user.count();
    release();
    const { result, refused } = await drill;
    expect(isStoreUnavailable(result.orm)).toBe(true);
    expect(isStoreUnavailable(result.driver)).toBe(true);
    expect(refused).toBe(2);
    expect(outside).toBeGreaterThanOrEqual(0);
    expect(await readRows(`SELECT 1 AS "one"`, [])).toEqual([{ one: 1 }]);
  });
});
