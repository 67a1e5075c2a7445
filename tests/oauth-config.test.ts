import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { createOAuthAdapter } from "@/lib/oauth/adapter";
import { sameOriginRedirect } from "@/lib/oauth/paths";
import { signLinkIntent, verifyLinkIntent } from "@/lib/oauth/link-intent";
import { authProviders, providerCatalog, providerSetupStep } from "@/lib/oauth/providers";

const BASE = "http://localhost:3000";

function withEnv(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetEnvForTests();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("sameOriginRedirect", () => {
  it.each([
    ["/account/connections?x=1", `${BASE}/account/connections?x=1`],
    [`${BASE}/oauth/signed-in`, `${BASE}/oauth/signed-in`],
    ["https://evil.example", `${BASE}/oauth/signed-in`],
    ["//evil.example", `${BASE}/oauth/signed-in`],
    ["/\\evil.example", `${BASE}/oauth/signed-in`],
    ["http://localhost:3000.evil.example/x", `${BASE}/oauth/signed-in`],
    ["javascript:alert(1)", `${BASE}/oauth/signed-in`],
    ["relative/path", `${BASE}/oauth/signed-in`],
  ])("%s → %s", (url, expected) => {
    expect(sameOriginRedirect(url, BASE)).toBe(expected);
  });
});

describe("link intents", () => {
  const via = { mode: "session", sessionId: "session-1" } as const;

  it("verify only for the provider they were made for, and name the session that allowed them", async () => {
    const value = await signLinkIntent({ userId: "user-1", provider: "github", via });
    expect(await verifyLinkIntent(value, "github")).toEqual({ userId: "user-1", provider: "github", via });
    expect(await verifyLinkIntent(value, "google")).toBeNull();
  });

  it("refuse tampered, foreign-key and expired values", async () => {
    const value = await signLinkIntent({ userId: "user-1", provider: "github", via });
    const [header, payload, signature] = value.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "user-2" }),
    );
    expect(
      await verifyLinkIntent(`${header}.${forged.toString("base64url")}.${signature}`, "github"),
    ).toBeNull();
    expect(await verifyLinkIntent(undefined, "github")).toBeNull();

    withEnv({ AUTH_SECRET: "another-secret-of-sufficient-length-and-variety-42" });
    expect(await verifyLinkIntent(value, "github")).toBeNull();

    vi.useFakeTimers({ now: Date.now() + 6 * 60 * 1000 });
    try {
      vi.unstubAllEnvs();
      resetEnvForTests();
      expect(await verifyLinkIntent(value, "github")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("providers", () => {
  it("list every provider; unconfigured ones name their variables and callback URL", () => {
    const catalog = providerCatalog();
    expect(catalog.map((provider) => provider.id)).toEqual(["demo", "github", "google", "oidc"]);
    const github = catalog.find((provider) => provider.id === "github")!;
    expect(github).toMatchObject({
      enabled: false,
      requiredEnv: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      callbackUrl: `${BASE}/api/auth/callback/github`,
    });
    expect(authProviders().map((provider) => (provider as { id: string }).id)).toEqual(["demo"]);
  });

  it("enable GitHub, Google and a generic OIDC issuer from their variables", () => {
    withEnv({
      AUTH_GITHUB_ID: "gh",
      AUTH_GITHUB_SECRET: "gh-secret",
      AUTH_GOOGLE_ID: "g",
      AUTH_GOOGLE_SECRET: "g-secret",
      AUTH_OIDC_ISSUER: "https://id.example.com/",
      AUTH_OIDC_ID: "o",
      AUTH_OIDC_SECRET: "o-secret",
      AUTH_OIDC_NAME: "Acme SSO",
    });
    const ids = authProviders().map((provider) => (provider as { id: string }).id);
    expect(ids).toEqual(["demo", "github", "google", "oidc"]);
    const oidc = authProviders().find((provider) => (provider as { id: string }).id === "oidc") as {
      issuer: string;
      name: string;
    };
    expect(oidc).toMatchObject({ issuer: "https://id.example.com", name: "Acme SSO" });
  });

  it("never run the demo provider or honour a test issuer in production without AUTH_DEMO_IDP", () => {
    const secret = "a-production-grade-secret-with-variety-0123456789";
    withEnv({
      NODE_ENV: "production",
      APP_URL: "http://localhost:3000",
      SESSION_SECRET: secret,
      JWT_KEYS_SECRET: secret,
      AUTH_SECRET: secret,
      AUTH_GOOGLE_ID: "g",
      AUTH_GOOGLE_SECRET: "g-secret",
      AUTH_GOOGLE_ISSUER: "http://127.0.0.1:9999",
    });
    const providers = authProviders() as { id: string; options?: { issuer?: string } }[];
    expect(providers.map((provider) => provider.id)).toEqual(["google"]);
    expect(providers[0]!.options?.issuer).toBeUndefined();
    expect(providerCatalog().find((provider) => provider.id === "demo")!.enabled).toBe(false);

    withEnv({ AUTH_DEMO_IDP: "1" });
    const demoOn = authProviders() as { id: string; options?: { issuer?: string } }[];
    expect(demoOn.map((provider) => provider.id)).toEqual(["demo", "google"]);
    expect(demoOn[1]!.options?.issuer).toBe("http://127.0.0.1:9999");
  });
});

describe("providers on a Vercel deployment", () => {
  const secret = "a-production-grade-secret-with-variety-0123456789";
  const preview = {
    NODE_ENV: "production",
    VERCEL: "1",
    VERCEL_ENV: "preview",
    VERCEL_URL: "authlab-k2j4h5-team.vercel.app",
    VERCEL_BRANCH_URL: "authlab-git-feature-team.vercel.app",
    DATABASE_URL: "postgres://u:p@db.example/app",
    SESSION_SECRET: secret,
    JWT_KEYS_SECRET: secret,
    AUTH_SECRET: secret,
  };

  it("offer no demo provider and give each missing one its callback URL for this deployment", () => {
    withEnv({ ...preview, AUTH_GITHUB_ID: "gh", AUTH_GITHUB_SECRET: "gh-secret" });
    const catalog = providerCatalog();
    expect(catalog.map(({ id, enabled }) => [id, enabled])).toEqual([
      ["github", true],
      ["google", false],
      ["oidc", false],
    ]);
    expect(catalog.map((provider) => provider.callbackUrl)).toEqual([
      "https://authlab-git-feature-team.vercel.app/api/auth/callback/github",
      "https://authlab-git-feature-team.vercel.app/api/auth/callback/google",
      "https://authlab-git-feature-team.vercel.app/api/auth/callback/oidc",
    ]);
    expect(catalog.find((provider) => provider.id === "google")!.requiredEnv).toEqual([
      "AUTH_GOOGLE_ID",
      "AUTH_GOOGLE_SECRET",
    ]);
    expect(providerSetupStep()).toMatch(/Environment Variables\), then redeploy$/);
    expect((authProviders() as { id: string }[]).map((provider) => provider.id)).toEqual(["github"]);
  });

  it("follow the production domain in production, and APP_URL off Vercel", () => {
    withEnv({ ...preview, VERCEL_ENV: "production", VERCEL_PROJECT_PRODUCTION_URL: "authlab.example.com" });
    expect(providerCatalog()[0]!.callbackUrl).toBe("https://authlab.example.com/api/auth/callback/github");

    vi.unstubAllEnvs();
    withEnv({ APP_URL: "http://localhost:3456" });
    expect(providerCatalog().map((provider) => provider.id)).toEqual(["demo", "github", "google", "oidc"]);
    expect(providerCatalog()[1]!.callbackUrl).toBe("http://localhost:3456/api/auth/callback/github");
    expect(providerSetupStep()).toBe("and restart");
  });
});

describe("the adapter", () => {
  it("stores and finds provider emails normalised, like password accounts", async () => {
    const adapter = createOAuthAdapter();
    const raw = `  Ｍixed.${Date.now()}@Example.COM `;
    const created = await adapter.createUser!({
      id: "ignored",
      email: raw,
      emailVerified: null,
      name: "Mixed",
    });
    const normalised = raw.trim().normalize("NFKC").toLowerCase();
    expect(created.email).toBe(normalised);
    expect(normalised.startsWith("mixed.")).toBe(true);
    expect((await adapter.getUserByEmail!(raw.toUpperCase()))?.id).toBe(created.id);
  });
});

describe("OAuth settings", () => {
  it("treat empty URL values (as .env.example leaves them) as unset, and reject non-URLs", () => {
    const secret = "a-development-secret-with-enough-variety-0123456789";
    const base = { SESSION_SECRET: secret, JWT_KEYS_SECRET: secret, AUTH_SECRET: secret };
    const env = parseEnv({
      ...base,
      AUTH_OIDC_ISSUER: "",
      AUTH_GITHUB_ENTERPRISE_URL: "",
      AUTH_GOOGLE_ISSUER: "",
    });
    expect([env.AUTH_OIDC_ISSUER, env.AUTH_GITHUB_ENTERPRISE_URL, env.AUTH_GOOGLE_ISSUER]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => parseEnv({ ...base, AUTH_GITHUB_ENTERPRISE_URL: "not a url" })).toThrow(
      /AUTH_GITHUB_ENTERPRISE_URL/,
    );
  });
});
