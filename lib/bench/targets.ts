import "server-only";
import { unsealData } from "iron-session";
import { z } from "zod";
import type { IdentityUser } from "@/lib/core/identity";
import { env } from "@/lib/env";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { READERS } from "@/lib/identity/readers";
import { auth } from "@/lib/oauth";
import { timeCrypto, timeIdentityCheck, timeModeCheck } from "@/lib/timing";
import { BENCH_IRON_COOKIE } from "./cookie";

// The server side of `npm run bench` (docs/benchmarks.md): one JSON endpoint, the same answer,
// behind each way of knowing who is calling. Only a bench build contains the route that serves
// these (app/api/bench/[target]/route.bench.ts), and it answers 404 unless BENCH=1.

/** What a bench endpoint needs from a check: the user, or null (401). */
type Check = (request: Request) => Promise<Pick<IdentityUser, "id" | "email"> | null>;

/** The ceiling: a route with no authentication code at all. Same JSON shape as the others. */
const BENCH_ANONYMOUS = { id: "bench", email: "bench@authlab.invalid" };

const ironPayload = z.object({ user: z.object({ id: z.string(), email: z.string() }) });

/** One mode's own reader (lib/identity/readers.ts), alone: every mode registered there is a target. */
function modeCheck(mode: keyof typeof READERS): Check {
  return async (request) => {
    const read = READERS[mode] as (source: ReturnType<typeof sourceFromRequest>) => Promise<{
      user: IdentityUser;
    } | null>;
    const found = await timeIdentityCheck(async () => {
      // API keys are read only where a route names the scope it needs: /api/me's.
      const source = sourceFromRequest(request, { apiKeyScope: "read:profile" });
      const identity = await timeModeCheck(mode, () => read(source));
      return { identity, mode: identity ? mode : null };
    });
    return found.identity?.user ?? null;
  };
}

const checks: Record<string, Check> = {
  bare: async () => BENCH_ANONYMOUS,
  ...Object.fromEntries(Object.keys(READERS).map((mode) => [mode, modeCheck(mode as keyof typeof READERS)])),
  // The peer: Auth.js's own auth() with the database strategy, called as its users call it.
  authjs: async () => {
    const found = await timeIdentityCheck(async () => {
      const user = (await auth())?.user;
      return user?.id && user.email
        ? { mode: "oauth" as const, user: { id: user.id, email: user.email } }
        : { mode: null, user: null };
    });
    return found.user;
  },
  // The floor for cookie auth: one unseal of a cookie that carries the user, nothing stored.
  iron: async (request) => {
    const cookie = sourceFromRequest(request).cookie(BENCH_IRON_COOKIE);
    if (!cookie) return null;
    try {
      const data = await timeCrypto(() => unsealData<unknown>(cookie, { password: env.SESSION_SECRET }));
      const parsed = ironPayload.safeParse(data);
      return parsed.success ? parsed.data.user : null;
    } catch {
      return null;
    }
  },
};

export type BenchTarget = keyof typeof checks;

/** The check behind a bench target name, or null for an unknown name. */
export function benchCheck(target: string): Check | null {
  return Object.hasOwn(checks, target) ? checks[target]! : null;
}

/** True only on a server `npm run bench` started. */
export function benchEnabled(): boolean {
  return env.BENCH;
}
