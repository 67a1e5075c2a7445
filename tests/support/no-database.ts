type DatabaseHolder = typeof globalThis & { authlabDb?: unknown; authlabDbReader?: unknown };

/**
 * Swaps lib/db's Prisma client and the driver's prepared reads (both kept on globalThis, so this
 * reaches every module) for `stand-in(label)` while `work` runs.
 */
async function withDatabase<T>(standIn: (label: string) => unknown, work: () => Promise<T>): Promise<T> {
  const holder = globalThis as DatabaseHolder;
  const real = { client: holder.authlabDb, reader: holder.authlabDbReader };
  holder.authlabDb = standIn("prisma");
  holder.authlabDbReader = standIn("driver");
  try {
    return await work();
  } finally {
    holder.authlabDb = real.client;
    holder.authlabDbReader = real.reader;
  }
}

/**
 * Runs `work` with a database that records and refuses every use, to prove a code path reads no
 * row (through Prisma or the driver).
 */
export async function withoutDatabase<T>(work: () => Promise<T>): Promise<{ result: T; touched: string[] }> {
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
  return { result: await withDatabase(refuse, work), touched };
}

/** Every use of the database fails as a refused connection does, until `work` settles. */
export async function duringOutage<T>(work: () => Promise<T>): Promise<T> {
  const down = () =>
    new Proxy(
      {},
      {
        get() {
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
        },
      },
    );
  return withDatabase(down, work);
}
