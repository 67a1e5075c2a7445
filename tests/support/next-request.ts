// Stands in for `next/headers` so route handlers and getIdentity() can run in vitest with a
// plain Request: `vi.mock("next/headers", () => import("@/tests/support/next-request"))`, then
// `withRequest(request, () => GET())`. Only the request scope is faked; the database is real.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Request>();

function current(): Request {
  const request = scope.getStore();
  if (!request) throw new Error("headers()/cookies() called outside withRequest()");
  return request;
}

export function withRequest<T>(request: Request, run: () => Promise<T>): Promise<T> {
  return scope.run(request, run);
}

export async function headers(): Promise<Headers> {
  return current().headers;
}

export async function cookies() {
  const header = current().headers.get("cookie") ?? "";
  const jar = new Map<string, string>();
  for (const pair of header.split(";")) {
    const index = pair.indexOf("=");
    if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    has: (name: string) => jar.has(name),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  };
}
