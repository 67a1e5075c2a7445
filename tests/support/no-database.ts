type DatabaseHolder = typeof globalThis & { authlabDb?: unknown };

/** Swaps lib/db's client (kept on globalThis, so this reaches every module) while `work` runs. */
async function withDatabaseClient<T>(client: unknown, work: () => Promise<T>): Promise<T> {
  const holder = globalThis as DatabaseHolder;
  const real = holder.authlabDb;
  holder.authlabDb = client;
  try {
    return await work();
  } finally {
    holder.authlabDb = real;
  }
}

/**
 * Runs `work` with a database client that records and refuses every use, to prove a code path
 * reads no row.
 */
export async function withoutDatabase<T>(work: () => Promise<T>): Promise<{ result: T; touched: string[] }> {
  const touched: string[] = [];
  const refusing = new Proxy(
    {},
    {
      get(_target, key) {
        touched.push(String(key));
        throw new Error(`database touched: ${String(key)}`);
      },
    },
  );
  return { result: await withDatabaseClient(refusing, work), touched };
}

/** Every use of the database fails as a refused connection does, until `work` settles. */
export async function duringOutage<T>(work: () => Promise<T>): Promise<T> {
  const down = new Proxy(
    {},
    {
      get() {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      },
    },
  );
  return withDatabaseClient(down, work);
}
