/**
 * Runs `work` with a database that records and refuses every use, to prove a code path reads no
 * row: both the Prisma client and the driver's prepared reads (lib/db keeps them on globalThis,
 * so swapping them there reaches every module).
 */
export async function withoutDatabase<T>(work: () => Promise<T>): Promise<{ result: T; touched: string[] }> {
  const holder = globalThis as typeof globalThis & { authlabDb?: unknown; authlabDbReader?: unknown };
  const real = { client: holder.authlabDb, reader: holder.authlabDbReader };
  const touched: string[] = [];
  const refuse = (label: string) =>
    new Proxy(
      {},
      {
        get(_target, key) {
          touched.push(`${label}.${String(key)}`);
          throw new Error(`database touched: ${label}.${String(key)}`);
        },
      },
    );
  holder.authlabDb = refuse("prisma");
  holder.authlabDbReader = refuse("driver");
  try {
    return { result: await work(), touched };
  } finally {
    holder.authlabDb = real.client;
    holder.authlabDbReader = real.reader;
  }
}
