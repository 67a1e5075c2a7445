import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hitRateLimit, peekRateLimit, resetRateLimit, type RateLimitRule } from "./rate-limit";

const rule: RateLimitRule = {
  name: "test",
  limit: 3,
  windowSeconds: 60,
  blockSeconds: 10,
  maxBlockSeconds: 25,
};
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

describe("rate limit", () => {
  it("allows `limit` hits per window, then blocks with a growing, capped back-off", async () => {
    const subject = randomUUID();
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i < 3; i++)
      expect(await hitRateLimit(rule, subject, at(t0, i))).toEqual({ allowed: true });
    expect(await hitRateLimit(rule, subject, at(t0, 3))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    // Hits during a block do not extend it.
    expect(await hitRateLimit(rule, subject, at(t0, 8))).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(await peekRateLimit(rule, subject, at(t0, 12))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await peekRateLimit(rule, subject, at(t0, 13))).toEqual({ allowed: true });

    // Recovers after the block; the next lock-out lasts twice as long, then hits the cap.
    for (let i = 0; i < 3; i++)
      expect((await hitRateLimit(rule, subject, at(t0, 14 + i))).allowed).toBe(true);
    expect(await hitRateLimit(rule, subject, at(t0, 17))).toEqual({ allowed: false, retryAfterSeconds: 20 });
    for (let i = 0; i < 3; i++)
      expect((await hitRateLimit(rule, subject, at(t0, 40 + i))).allowed).toBe(true);
    expect(await hitRateLimit(rule, subject, at(t0, 43))).toEqual({ allowed: false, retryAfterSeconds: 25 });
  });

  it("starts a fresh window after the old one passes, and reset forgets the key", async () => {
    const subject = randomUUID();
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i < 3; i++) await hitRateLimit(rule, subject, at(t0, i));
    expect(await hitRateLimit(rule, subject, at(t0, 61))).toEqual({ allowed: true });
    await resetRateLimit(rule, subject);
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(rule, subject, at(t0, 62))).allowed).toBe(true);
  });
});
