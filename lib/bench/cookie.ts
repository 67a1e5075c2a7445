/** The cookie of the bench's stateless iron-session target: the user itself, sealed, no store. */
export const BENCH_IRON_COOKIE = "authlab-bench-iron";
