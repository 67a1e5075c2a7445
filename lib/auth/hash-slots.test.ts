import { describe, expect, it } from "vitest";
import { defaultHashConcurrency, withHashSlot } from "./hash-slots";

describe("Argon2 slots", () => {
  it("default to one per core but one, leaving two threadpool threads free", () => {
    expect(defaultHashConcurrency(2, 4)).toBe(1);
    expect(defaultHashConcurrency(1, 4)).toBe(1);
    expect(defaultHashConcurrency(8, 4)).toBe(2);
    expect(defaultHashConcurrency(8, 16)).toBe(7);
  });

  it("never run more hashes at once than the limit, and serve waiters in order", async () => {
    process.env.PASSWORD_HASH_CONCURRENCY = "2";
    const { resetEnvForTests } = await import("@/lib/env");
    resetEnvForTests();
    try {
      let running = 0;
      let peak = 0;
      const finished: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          withHashSlot(async () => {
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setTimeout(resolve, 5));
            running -= 1;
            finished.push(index);
          }),
        ),
      );
      expect(peak).toBe(2);
      expect(finished).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      delete process.env.PASSWORD_HASH_CONCURRENCY;
      resetEnvForTests();
    }
  });
});
