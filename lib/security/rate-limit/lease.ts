import "server-only";

/** Hits of one subject's budget this process holds, taken from the shared store in one write. */
type Lease = { remaining: number; expiresAt: number };

/** How many subjects a process holds leases for; past it, the oldest lease is dropped (unused). */
const MAX_LEASES = 10_000;

/**
 * Leases of a rule's budget, per subject, in this process. A rule with `lease: n` takes n hits
 * from the shared counter in one store write and spends them here, so a busy subject costs one
 * write per n hits instead of one per hit. The shared counter already holds every leased hit, so
 * the limit still holds across instances: a lease can only make a subject be refused early
 * (hits leased by another instance and never used), never let it past the limit. A lease ends
 * with the window it was taken in.
 */
export class Leases {
  private readonly held = new Map<string, Lease>();

  /** Spends one leased hit of `subject`, if this process holds one in the current window. */
  take(subject: string, now = Date.now()): boolean {
    const lease = this.held.get(subject);
    if (!lease) return false;
    if (lease.expiresAt <= now || lease.remaining <= 0) {
      this.held.delete(subject);
      return false;
    }
    lease.remaining -= 1;
    return true;
  }

  /** Holds `hits` more of `subject`'s budget until `expiresAt` (the store's window end). */
  grant(subject: string, hits: number, expiresAt: number): void {
    if (hits <= 0) return;
    this.held.delete(subject);
    if (this.held.size >= MAX_LEASES) {
      const oldest = this.held.keys().next().value;
      if (oldest !== undefined) this.held.delete(oldest);
    }
    this.held.set(subject, { remaining: hits, expiresAt });
  }

  /** Drops what this process holds of `subject` (its counter was reset). */
  forget(subject: string): void {
    this.held.delete(subject);
  }
}
