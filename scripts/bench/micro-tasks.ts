// What `npm run bench:micro` times, and which primitives each check rests on.
import { createHmac, randomUUID } from "node:crypto";
import { unsealData } from "iron-session";
import { jwtVerify } from "jose";

export type MicroResult = {
  name: string;
  group: string;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  samples: number;
};

type Task = { name: string; run: () => unknown };
type Group = { title: string; tasks: Task[]; before?: () => Promise<void>; after?: () => Promise<void> };

const P = {
  unseal: "primitive: iron unseal (one cookie)",
  verify: "primitive: jose ES256 verify (one token)",
  sha: "primitive: SHA-256 of a token",
  hmac: "primitive: HMAC-SHA256 of a token",
  read: "primitive: one indexed read through the driver",
} as const;

const C = {
  session: "check: session (hash, session ⋈ user read)",
  jwt: "check: JWT cookie (claims)",
  denyList: "check: JWT cookie with JWT_DENYLIST=1 (one read)",
  oauth: "check: OAuth session (session ⋈ user ⟕ accounts read)",
  adapter: "check: Auth.js adapter getSessionAndUser (authlab's)",
  apikey: "check: API key (read by prefix, SHA-256, constant-time compare)",
} as const;

/**
 * Each check and the primitives it rests on: the floor it is compared with. A check's repeat
 * (a credential seen before: its unseal or verification remembered) rests on less.
 */
export const MICRO_CHECKS = [
  { task: `${C.session}, first sight (nothing remembered)`, primitives: [P.unseal, P.sha, P.read] },
  { task: C.session, primitives: [P.sha, P.read] },
  { task: `${C.jwt}, first sight (nothing remembered)`, primitives: [P.verify] },
  { task: C.denyList, primitives: [P.read] },
  { task: C.oauth, primitives: [P.read] },
  { task: C.adapter, primitives: [P.read] },
  { task: C.apikey, primitives: [P.sha, P.read] },
];

/** A user signed in through every mode, and the credentials each check reads. */
export async function seedMicro() {
  const { db } = await import("../../lib/db");
  const { hashToken } = await import("../../lib/crypto/tokens");
  const { createSession } = await import("../../lib/session/store");
  const { sealSessionToken, sessionCookieName } = await import("../../lib/session/cookie");
  const { issueTokenPair } = await import("../../lib/jwt/token-pair");
  const { jwtCookieNames } = await import("../../lib/jwt/cookies");
  const { oauthSessionCookieName } = await import("../../lib/oauth/cookies");
  const { findVerificationKey } = await import("../../lib/jwt/keys/cache");
  const { createApiKey } = await import("../../lib/apikey/store");
  const { rotateSigningKeys } = await import("../../lib/jwt/keys/signing");
  // A kept database may hold a previous run's key, sealed with another JWT_KEYS_SECRET.
  await rotateSigningKeys("npm run bench:micro");
  const context = { ipAddress: "127.0.0.1", userAgent: "bench:micro" };
  const user = await db.user.create({
    data: { email: `micro-${randomUUID()}@authlab.invalid`, name: "Micro" },
  });
  const { token } = await createSession(user, context);
  const sealed = await sealSessionToken(token, 3600);
  const pair = await issueTokenPair(user, context);
  const key = await findVerificationKey(pair.access.kid);
  if (!key) throw new Error("bench:micro: no verification key");
  // As Auth.js and authlab's adapter make it: the cookie holds the token, the row its SHA-256.
  const oauthToken = randomUUID();
  await db.session.create({
    data: {
      sessionToken: hashToken(oauthToken),
      userId: user.id,
      expires: new Date(Date.now() + 86_400_000),
    },
  });
  const apiKey = await createApiKey(
    user.id,
    { name: "micro", scopes: ["read:profile"], expiresAt: null },
    context,
  );
  if (!apiKey.ok) throw new Error("bench:micro: could not create an API key");
  const cookies = new Map([
    [sessionCookieName(), sealed],
    [jwtCookieNames().access, pair.access.token],
    [oauthSessionCookieName(), oauthToken],
  ]);
  const source = { headers: new Headers(), cookie: (name: string) => cookies.get(name) };
  return {
    user,
    token,
    tokenHash: hashToken(token),
    sealed,
    accessToken: pair.access.token,
    key,
    oauthToken,
    source,
    apiKey: apiKey.value.key,
  };
}

export function microTasks(seeded: Awaited<ReturnType<typeof seedMicro>>): Group[] {
  const { user, token, tokenHash, sealed, accessToken, key, oauthToken, source, apiKey } = seeded;
  // Loaded lazily, after the environment for this configuration is in place.
  const lib = async () => ({
    db: await import("../../lib/db"),
    tokens: await import("../../lib/crypto/tokens"),
    remembered: await import("../../lib/crypto/remembered"),
    env: await import("../../lib/env"),
    store: await import("../../lib/session/database-store"),
    session: await import("../../lib/session/identity"),
    jwt: await import("../../lib/jwt/identity"),
    oauth: await import("../../lib/oauth/identity"),
    adapter: await import("../../lib/oauth/adapter"),
    apikey: await import("../../lib/apikey/identity"),
    timing: await import("../../lib/timing"),
    prismaAdapter: await import("@auth/prisma-adapter"),
  });
  let m: Awaited<ReturnType<typeof lib>>;
  const password = () => process.env.SESSION_SECRET!;
  // The session cookie names the secret that sealed it (lib/session/cookie.ts): unsealed under
  // any other id, iron-session returns {} at once, and a primitive timed that way measured a
  // failure, not an unseal. The same map the app builds; `before` checks it really opens.
  const unsealPasswords = () => ({ [sealed.split("*")[1]!]: password() });
  const groups: Group[] = [
    {
      title: "primitives",
      before: async () => {
        m = await lib();
        const opened = await unsealData<{ token?: string }>(sealed, { password: unsealPasswords() });
        if (opened.token !== token)
          throw new Error("bench:micro: the unseal primitive does not open the cookie");
      },
      tasks: [
        { name: P.unseal, run: () => unsealData(sealed, { password: unsealPasswords() }) },
        { name: P.verify, run: () => jwtVerify(accessToken, key.publicKey) },
        { name: P.sha, run: () => m.tokens.hashToken(token) },
        { name: P.hmac, run: () => createHmac("sha256", password()).update(token).digest("hex") },
        {
          name: P.read,
          run: () => m.db.readRows(`SELECT "id", "email" FROM "users" WHERE "id" = ?`, [user.id]),
        },
      ],
    },
    {
      title: "the session read, four ways",
      tasks: [
        {
          name: "read: ORM findUnique with the user relation",
          run: () =>
            m.db.db.serverSession.findUnique({
              where: { tokenHash },
              select: {
                id: true,
                revokedAt: true,
                idleExpiresAt: true,
                user: { select: { id: true, email: true, disabledAt: true } },
              },
            }),
        },
        {
          name: "read: ORM findUnique, session only",
          run: () => m.db.db.serverSession.findUnique({ where: { tokenHash } }),
        },
        {
          name: "read: $queryRaw of the join (TypedSQL runs this path)",
          run: () =>
            m.db.db
              .$queryRaw`SELECT s."id", s."revokedAt", s."idleExpiresAt", u."email", u."disabledAt" FROM "server_sessions" s JOIN "users" u ON u."id" = s."userId" WHERE s."tokenHash" = ${tokenHash}`,
        },
        {
          name: "read: driver prepared statement (what the check uses)",
          run: () => m.store.databaseSessionStore.findWithUser(tokenHash),
        },
      ],
    },
    {
      title: "checks",
      tasks: [
        { name: C.session, run: () => m.session.readSessionIdentity(source) },
        {
          name: `${C.session}, first sight (nothing remembered)`,
          run: () => {
            m.remembered.forgetRememberedResults();
            return m.session.readSessionIdentity(source);
          },
        },
        {
          name: `${C.session}, inside a Server-Timing scope`,
          run: () => m.timing.withRequestTimings(() => m.session.readSessionIdentity(source)),
        },
        { name: C.jwt, run: () => m.jwt.readJwtIdentity(source) },
        {
          name: `${C.jwt}, first sight (nothing remembered)`,
          run: () => {
            m.remembered.forgetRememberedResults();
            return m.jwt.readJwtIdentity(source);
          },
        },
        { name: C.oauth, run: () => m.oauth.readOAuthIdentity(source) },
        { name: C.adapter, run: () => m.adapter.createOAuthAdapter().getSessionAndUser!(oauthToken) },
        { name: C.apikey, run: () => m.apikey.verifyApiKey(apiKey, "read:profile") },
        {
          name: "check: API key reader (the check, its rate limit and use count: writes)",
          run: () =>
            m.apikey.readApiKeyIdentity({
              headers: new Headers({ "x-api-key": apiKey }),
              cookie: () => undefined,
              apiKeyScope: "read:profile",
            }),
        },
        {
          name: "check: stock @auth/prisma-adapter getSessionAndUser (ORM)",
          // The stock adapter looks up what it is given: the stored digest, so it finds the row.
          run: () =>
            m.prismaAdapter.PrismaAdapter(m.db.db as never).getSessionAndUser!(
              m.tokens.hashToken(oauthToken),
            ),
        },
      ],
    },
    {
      title: "JWT with the deny-list",
      before: async () => {
        process.env.JWT_DENYLIST = "1";
        m.env.resetEnvForTests();
      },
      after: async () => {
        delete process.env.JWT_DENYLIST;
        m.env.resetEnvForTests();
      },
      tasks: [{ name: C.denyList, run: () => m.jwt.readJwtIdentity(source) }],
    },
  ];
  return groups;
}
