import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { redisConfigured } from "@/lib/redis/client";
import { RuleLimiter, type RateLimitRule } from "./limiter";
import { clientNetwork } from "./network";
import type { RateLimitStore } from "./store";

const rule: RateLimitRule = {
  name: "test",
  limit: 3,
  windowSeconds: 60,
  blockSeconds: 10,
  maxBlockSeconds: 25,
};
const T0 = new Date("2030-01-01T00:00:00Z").getTime();
/** Moves the clock the limiter reads (Date only: the database keeps answering). */
const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);

// One suite, run on every store whose clock the test can move: the rules mean the same on each.
describe.each<RateLimitStore>(["database", "memory"])("rate limits on the %s store", (store) => {
  let limiter: RuleLimiter;
  let subject: string;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    limiter = new RuleLimiter({ ...rule, name: `test-${randomUUID()}` }, store);
    subject = randomUUID();
  });
  afterEach(() => vi.useRealTimers());

  it("allows limit hits per window, then blocks with a doubling, capped back-off", async () => {
    for (let i = 0; i < 3; i++) {
      at(i);
      expect(await limiter.hit(subject)).toEqual({ allowed: true });
    }
    at(3);
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    // Hits during a block do not extend it.
    at(8);
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 5 });
    at(12);
    expect(await limiter.peek(subject)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    at(13);
    expect(await limiter.peek(subject)).toEqual({ allowed: true });

    // A new window after the block; the next lock-out lasts twice as long, then hits the cap.
    for (let i = 0; i < 3; i++) {
      at(14 + i);
      expect(await limiter.hit(subject)).toEqual({ allowed: true });
    }
    at(17);
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    for (let i = 0; i < 3; i++) {
      at(40 + i);
      expect(await limiter.hit(subject)).toEqual({ allowed: true });
    }
    at(43);
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 25 });
  });

  it("starts a fresh window when the old one passes; reset forgets window, block and back-off", async () => {
    for (let i = 0; i < 4; i++) {
      at(i);
      await limiter.hit(subject);
    }
    // Blocked from 3 s to 13 s; then a new window.
    at(13);
    expect(await limiter.hit(subject)).toEqual({ allowed: true });
    await limiter.reset(subject);
    for (let i = 0; i < 3; i++) expect(await limiter.hit(subject)).toEqual({ allowed: true });
    // The first lock-out again, not the second: the strike went with the reset.
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("takes a refunded hit back", async () => {
    at(0);
    for (let i = 0; i < 3; i++) await limiter.hit(subject);
    await limiter.refund(subject);
    expect(await limiter.hit(subject)).toEqual({ allowed: true });
    expect(await limiter.hit(subject)).toMatchObject({ allowed: false });
  });

  it("counts every one of many parallel hits, and exactly one of them sets the block", async () => {
    at(0);
    const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.hit(subject)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    // One strike only: the next lock-out is the second (20 s), not a later one.
    at(11);
    for (let i = 0; i < 3; i++) expect(await limiter.hit(subject)).toEqual({ allowed: true });
    expect(await limiter.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it("without a block, refuses until the window ends", async () => {
    const windowOnly = new RuleLimiter(
      { name: `window-${randomUUID()}`, limit: 2, windowSeconds: 60 },
      store,
    );
    at(0);
    await windowOnly.hit(subject);
    await windowOnly.hit(subject);
    at(45);
    expect(await windowOnly.hit(subject)).toEqual({ allowed: false, retryAfterSeconds: 15 });
    at(60);
    expect(await windowOnly.hit(subject)).toEqual({ allowed: true });
  });

  it("a leased rule allows exactly its limit from one instance, and the window's end lifts it", async () => {
    const leased = { name: `lease-${randomUUID()}`, limit: 25, windowSeconds: 60, lease: 10 };
    const instance = new RuleLimiter(leased, store);
    at(0);
    const decisions = [];
    for (let i = 0; i < 30; i++) decisions.push(await instance.hit(subject));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    expect(decisions.at(-1)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    at(60);
    expect(await instance.hit(subject)).toEqual({ allowed: true });
  });

  it("leases never let two instances together past the limit (unused leased hits only refuse early)", async () => {
    const leased = { name: `lease-${randomUUID()}`, limit: 25, windowSeconds: 60, lease: 10 };
    // Two processes: two limiters with their own leases on one store (memory: one shared object).
    const first = new RuleLimiter(leased, store);
    const second = store === "memory" ? first : new RuleLimiter(leased, store);
    at(0);
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      if ((await (i % 2 ? first : second).hit(subject)).allowed) allowed += 1;
    }
    expect(allowed).toBeGreaterThanOrEqual(leased.limit - 2 * (leased.lease - 1));
    expect(allowed).toBeLessThanOrEqual(leased.limit);
  });
});

// Redis expires keys on its own clock, which a test cannot move: on Redis (REDIS_URL set, the
// PostgreSQL + Redis pass of .ci/run) the counting and leasing cases that need no clock.
if (redisConfigured()) {
  describe("rate limits on the redis store", () => {
    const named = (rule: RateLimitRule) => ({ ...rule, name: `${rule.name}-${randomUUID()}` });

    it("counts every one of many parallel hits: exactly limit allowed", async () => {
      const limiter = new RuleLimiter(named(rule), "redis");
      const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.hit("someone")));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
      expect(await limiter.peek("someone")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    });

    it("leases never let two instances together past the limit", async () => {
      const leased = named({ name: "lease", limit: 25, windowSeconds: 60, lease: 10 });
      const [first, second] = [new RuleLimiter(leased, "redis"), new RuleLimiter(leased, "redis")];
      let allowed = 0;
      for (let i = 0; i < 40; i++) if ((await (i % 2 ? first : second).hit("someone")).allowed) allowed += 1;
      expect(allowed).toBeGreaterThanOrEqual(25 - 2 * 9);
      expect(allowed).toBeLessThanOrEqual(25);
      const alone = new RuleLimiter(named(leased), "redis");
      const decisions = [];
      for (let i = 0; i < 30; i++) decisions.push(await alone.hit("someone"));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    });
  });
}

describe("the database store", () => {
  it("keeps one row per key, expiring with its window or block", async () => {
    const name = `row-${randomUUID()}`;
    const limiter = new RuleLimiter({ ...rule, name }, "database");
    const before = Date.now();
    for (let i = 0; i < 4; i++) await limiter.hit("someone");
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `${name}:someone` } });
    expect(row.points).toBe(4);
    const expire = Number(row.expire);
    expect(expire).toBeGreaterThanOrEqual(before + 10_000);
    expect(expire).toBeLessThanOrEqual(Date.now() + 10_000);
  });

  it("counts a leased rule's hits a lease at a time: one write per ten hits", async () => {
    const name = `lease-row-${randomUUID()}`;
    const limiter = new RuleLimiter({ name, limit: 100, windowSeconds: 60, lease: 10 }, "database");
    const key = { where: { key: `${name}:someone` } };
    for (let i = 0; i < 10; i++) await limiter.hit("someone");
    expect((await db.rateLimit.findUniqueOrThrow(key)).points).toBe(10);
    await limiter.hit("someone");
    expect((await db.rateLimit.findUniqueOrThrow(key)).points).toBe(20);
  });
});

describe("clientNetwork", () => {
  it("groups IPv6 clients by /64 and keeps IPv4 addresses whole", () => {
    expect(clientNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:2::7")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:DB8:0001:0002:0:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientNetwork("64:ff9b:1:2::192.0.2.1")).toBe("64:ff9b:1:2::/64");
    expect(clientNetwork("198.51.100.7")).toBe("198.51.100.7");
  });
});
