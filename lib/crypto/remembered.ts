import "server-only";

// The results of pure cryptographic work on a credential (an unseal, a signature check) depend
// only on the credential and a key, so they can be remembered for as long as the credential
// itself is cryptographically valid: never a verdict that a revocation could change (each mode
// still reads whatever can revoke it, on every request). docs/benchmarks.md lists each use.

const memos: RememberedResults<unknown>[] = [];

/** A bounded map from a credential to what its cryptography yielded, each until its own expiry. */
export class RememberedResults<V> {
  private entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly max: number) {
    memos.push(this as RememberedResults<unknown>);
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` until `until` (epoch ms); the oldest entry goes when the map is full. */
  set(key: string, value: V, until: number, now = Date.now()): void {
    if (until <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Forgets everything remembered (a fresh process, as tests and the micro bench's cold runs need). */
export function forgetRememberedResults(): void {
  for (const memo of memos) memo.clear();
}
