// What `npm run bench` measures: one JSON endpoint (/api/bench/<check>, lib/bench/targets.ts)
// behind each way of knowing the caller, and how the bench gets a credential for each. Adding a
// target is one entry here; a mode registered in lib/identity/readers.ts already has its
// server-side check.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { sealData } from "iron-session";

/** What a target's credential step can use: the running server and a signed-up user. */
export type SignInContext = {
  baseUrl: string;
  user: { id: string; email: string; password: string };
  /** More accounts with the same password, for the concurrent sign-ins (one account each). */
  signInEmails: string[];
  /** The server's settings (secrets included): the bench made them. */
  env: Record<string, string>;
  /** Writes an Auth.js database session for the user, as its adapter would; returns the token. */
  createAuthJsSession(): Promise<string>;
  /** Makes an API key for the user with `read:profile`, as /account/api-keys would; returns it. */
  createApiKey(): Promise<string>;
  cookieNames: { session: string; jwt: string; authjs: string; iron: string };
};

export type BenchTargetSpec = {
  name: string;
  label: string;
  /** The server-side check: /api/bench/<check>. */
  check: string;
  credential(context: SignInContext): Promise<Record<string, string>>;
};

/** A client address of its own per sign-in, so per-IP rate limits never throttle the bench. */
export function benchClientIp(): string {
  return `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
}

function cookiePair(response: Response, name: string): string {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  if (!line) throw new Error(`bench: the sign-in response set no ${name} cookie (${response.status})`);
  return line.split(";")[0]!;
}

async function postJson(context: SignInContext, path: string, body: unknown): Promise<Response> {
  return fetch(context.baseUrl + path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: context.baseUrl,
      "x-forwarded-for": benchClientIp(),
    },
    body: JSON.stringify(body),
  });
}

async function accessToken(context: SignInContext): Promise<string> {
  const { email, password } = context.user;
  const response = await postJson(context, "/api/jwt/token", { email, password });
  if (!response.ok) throw new Error(`bench: JWT sign-in answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export const BENCH_TARGETS: readonly BenchTargetSpec[] = [
  { name: "bare", label: "bare route (no auth: the ceiling)", check: "bare", credential: async () => ({}) },
  {
    name: "session",
    label: "session cookie",
    check: "session",
    async credential(context) {
      const { email, password } = context.user;
      const response = await postJson(context, "/api/session/sign-in", { email, password });
      return { cookie: cookiePair(response, context.cookieNames.session) };
    },
  },
  {
    name: "jwt-cookie",
    label: "JWT cookie",
    check: "jwt",
    credential: async (context) => ({ cookie: `${context.cookieNames.jwt}=${await accessToken(context)}` }),
  },
  {
    name: "jwt-bearer",
    label: "JWT Bearer",
    check: "jwt",
    credential: async (context) => ({ authorization: `Bearer ${await accessToken(context)}` }),
  },
  {
    name: "oauth",
    label: "OAuth session (authlab's reader)",
    check: "oauth",
    credential: async (context) => ({
      cookie: `${context.cookieNames.authjs}=${await context.createAuthJsSession()}`,
    }),
  },
  {
    name: "apikey",
    label: "API key (X-API-Key: read, compare, rate limit)",
    check: "apikey",
    credential: async (context) => ({ "x-api-key": await context.createApiKey() }),
  },
  {
    name: "authjs",
    label: "Auth.js auth() (database strategy)",
    check: "authjs",
    credential: async (context) => ({
      cookie: `${context.cookieNames.authjs}=${await context.createAuthJsSession()}`,
    }),
  },
  {
    name: "iron",
    label: "iron-session stateless cookie (the floor)",
    check: "iron",
    async credential(context) {
      const user = { id: context.user.id, email: context.user.email };
      const sealed = await sealData({ user }, { password: context.env.SESSION_SECRET!, ttl: 3600 });
      return { cookie: `${context.cookieNames.iron}=${sealed}` };
    },
  },
];

/** Random secrets for the bench server (and for sealing the iron target's cookie). */
export function benchSecrets(): Record<string, string> {
  const secret = () => randomBytes(32).toString("base64url");
  return {
    SESSION_SECRET: secret(),
    JWT_KEYS_SECRET: secret(),
    AUTH_SECRET: secret(),
    // Auth.js needs a provider configured; auth() never talks to it.
    AUTH_GITHUB_ID: `bench-${randomUUID()}`,
    AUTH_GITHUB_SECRET: secret(),
  };
}
