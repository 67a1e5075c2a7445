/**
 * Runs `work` with a database client that records and refuses every use, to prove a code path
 * reads no row. lib/db keeps its client on globalThis, so swapping it there reaches every module.
 */
export async function withoutDatabase<T>(work: () => Promise<T>): Promise<{ result: T; touched: string[] }> {
  const holder = globalThis as typeof globalThis & { authlabDb?: unknown };
  const real = holder.authlabDb;
  const touched: string[] = [];
  holder.authlabDb = new Proxy(
    {},
    {
      get(_target, key) {
        touched.push(String(key));
        throw new Error(`database touched: ${String(key)}`);
      },
    },
  );
  try {
    return { result: await work(), touched };
  } finally {
    holder.authlabDb = real;
  }
}
