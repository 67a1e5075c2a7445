// The key comparison is constant-time: crypto.timingSafeEqual over two 32-byte SHA-256 digests on
// every path (right key, wrong key, no row), so neither a wrong secret nor an unknown prefix
// returns early (ASVS 11.2.4).
import type * as NodeCrypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

const compare = vi.hoisted(() => ({ calls: [] as [Buffer, Buffer][] }));

vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof NodeCrypto>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compare.calls.push([Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)]);
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

const { apiKeyMatches, apiKeyPrefixOf, generateApiKey } = await import("@/lib/apikey/format");

beforeEach(() => {
  compare.calls.length = 0;
});

describe("API key comparison", () => {
  it("compares equal-length digests with crypto.timingSafeEqual, whatever the outcome", () => {
    const { key, hash } = generateApiKey();
    const other = generateApiKey();
    expect(apiKeyMatches(hash, key)).toBe(true);
    expect(apiKeyMatches(hash, other.key)).toBe(false);
    expect(apiKeyMatches(null, key)).toBe(false);
    expect(apiKeyMatches("not a digest", key)).toBe(false);
    expect(compare.calls).toHaveLength(4);
    for (const [a, b] of compare.calls) {
      expect(a).toHaveLength(32);
      expect(b).toHaveLength(32);
    }
  });

  it("stores the SHA-256 of the key, never the key", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(16));
    expect(apiKeyPrefixOf(key)).toBe(prefix);
    expect(apiKeyPrefixOf(`${key} `)).toBeNull();
  });
});
