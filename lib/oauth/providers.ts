import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";
import { isVercelDeployment } from "@/lib/vercel";
import { verifyIdTokenSignature } from "./id-token";
import {
  callbackUrlFor,
  DEMO_CLIENT_ID,
  DEMO_PROVIDER_ID,
  demoClientSecret,
  demoIssuer,
} from "./demo-idp/client";

export type ProviderId = "demo" | "github" | "google" | "oidc";

/** What the sign-in and Connections pages show for every provider, configured or not. */
export type ProviderInfo = {
  id: ProviderId;
  name: string;
  enabled: boolean;
  /** The variables that enable it (shown when it is not configured). */
  requiredEnv: string[];
  /** The redirect URI to register at the provider. */
  callbackUrl: string;
  /** Where to register authlab as a client, when the provider has one such place. */
  registerAt?: { label: string; url: string };
  description: string;
};

/**
 * The local demo provider runs in development and tests; a production build only with
 * AUTH_DEMO_IDP=1; a Vercel deployment never (it is a second local process there is no room for).
 */
export function isDemoIdpEnabled(): boolean {
  if (isVercelDeployment(env.vercel)) return false;
  return !env.isProduction || env.AUTH_DEMO_IDP;
}

/** How a new setting takes effect on this host: a Vercel deployment reads them only when built. */
export function providerSetupStep(): string {
  return isVercelDeployment(env.vercel)
    ? "in the Vercel project (Settings → Environment Variables), then redeploy"
    : "and restart";
}

/** Every provider this deployment can offer; the demo provider is absent where it cannot run. */
export function providerCatalog(): ProviderInfo[] {
  const callback = (id: ProviderId) => callbackUrlFor(env.APP_URL, id);
  const catalog: ProviderInfo[] = [
    {
      id: "demo",
      name: "Local demo provider",
      enabled: isDemoIdpEnabled(),
      requiredEnv: ["AUTH_DEMO_IDP=1 (production builds only; always on in development)"],
      callbackUrl: callback("demo"),
      description: `A real OpenID provider on ${demoIssuer(env.DEMO_IDP_PORT)}: pick a demo user, consent, come back.`,
    },
    {
      id: "github",
      name: "GitHub",
      enabled: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
      requiredEnv: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      callbackUrl: callback("github"),
      registerAt: {
        label: "GitHub → Developer settings → OAuth Apps",
        url: "https://github.com/settings/developers",
      },
      description: "OAuth 2.0 (not OpenID): the profile comes from GitHub's /user and /user/emails APIs.",
    },
    {
      id: "google",
      name: "Google",
      enabled: Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET),
      requiredEnv: ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      callbackUrl: callback("google"),
      registerAt: {
        label: "Google Cloud console → Credentials → OAuth client ID (web application)",
        url: "https://console.cloud.google.com/apis/credentials",
      },
      description: "OpenID Connect: the profile comes from a signed ID token.",
    },
    {
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      enabled: Boolean(env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET),
      requiredEnv: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
      callbackUrl: callback("oidc"),
      description: "Any OpenID Connect issuer (Keycloak, Okta, Entra ID, Auth0…), found by discovery.",
    },
  ];
  return isVercelDeployment(env.vercel) ? catalog.filter((provider) => provider.id !== "demo") : catalog;
}

export function enabledProviderIds(): ProviderId[] {
  return providerCatalog()
    .filter((provider) => provider.enabled)
    .map((provider) => provider.id);
}

/** Each provider's default authorization origin, when its settings name none. */
const DEFAULT_AUTHORIZATION_ORIGIN: Partial<Record<ProviderId, string>> = {
  github: "https://github.com",
  google: "https://accounts.google.com",
};

/**
 * Where a sign-in form sends the browser (the enabled providers' authorization endpoints), for
 * the CSP's form-action (lib/security/headers.ts). Derived from the issuer or base URL: an
 * issuer whose authorization endpoint lives on another origin needs it added there.
 */
export function authorizationOrigins(): string[] {
  const configured: Partial<Record<ProviderId, string | undefined>> = {
    demo: demoIssuer(env.DEMO_IDP_PORT),
    github: env.AUTH_GITHUB_ENTERPRISE_URL,
    google: isDemoIdpEnabled() ? env.AUTH_GOOGLE_ISSUER : undefined,
    oidc: env.AUTH_OIDC_ISSUER,
  };
  const origins = enabledProviderIds().flatMap((id) => {
    const url = configured[id] ?? DEFAULT_AUTHORIZATION_ORIGIN[id];
    return url ? [new URL(url).origin] : [];
  });
  return [...new Set(origins)];
}

/** Google's issuer, as its Auth.js provider names it. */
const GOOGLE_ISSUER = "https://accounts.google.com";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; picture?: string };

// RFC 9700 §2.1.1 and §4.7.1: PKCE (S256) always, plus state; OIDC providers also bind a nonce.
const OAUTH_CHECKS: ("pkce" | "state" | "nonce")[] = ["pkce", "state"];
const OIDC_CHECKS: ("pkce" | "state" | "nonce")[] = ["pkce", "state", "nonce"];

/** Auth.js provider configurations for every enabled provider. */
export function authProviders(): Provider[] {
  const providers: Provider[] = [];
  const enabled = new Set(enabledProviderIds());

  if (enabled.has("demo")) {
    const demo: OIDCConfig<OidcProfile> = {
      id: DEMO_PROVIDER_ID,
      name: "Local demo provider",
      type: "oidc",
      issuer: demoIssuer(env.DEMO_IDP_PORT),
      token: { conform: verifyIdTokenSignature(demoIssuer(env.DEMO_IDP_PORT)) },
      clientId: DEMO_CLIENT_ID,
      clientSecret: demoClientSecret(env.AUTH_SECRET),
      checks: OIDC_CHECKS,
      // Always ask who you are and what to share, so you can switch demo users at will.
      authorization: { params: { scope: "openid email profile", prompt: "login consent" } },
      profile: (profile) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? null,
        image: null,
      }),
    };
    providers.push(demo);
  }

  if (enabled.has("github")) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        checks: OAUTH_CHECKS,
        // GitHub Enterprise Server (and the e2e tests' GitHub-compatible stub) live elsewhere.
        ...(env.AUTH_GITHUB_ENTERPRISE_URL
          ? { enterprise: { baseUrl: env.AUTH_GITHUB_ENTERPRISE_URL.replace(/\/$/, "") } }
          : {}),
      }),
    );
  }

  if (enabled.has("google")) {
    // Test-only issuer override: never honoured by a plain production build.
    const issuer =
      env.AUTH_GOOGLE_ISSUER && isDemoIdpEnabled() ? env.AUTH_GOOGLE_ISSUER.replace(/\/$/, "") : undefined;
    providers.push(
      Google({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        checks: OIDC_CHECKS,
        token: { conform: verifyIdTokenSignature(issuer ?? GOOGLE_ISSUER) },
        ...(issuer ? { issuer } : {}),
      }),
    );
  }

  if (enabled.has("oidc")) {
    const oidc: OIDCConfig<OidcProfile> = {
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER!.replace(/\/$/, ""),
      token: { conform: verifyIdTokenSignature(env.AUTH_OIDC_ISSUER!) },
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      checks: OIDC_CHECKS,
      authorization: { params: { scope: "openid email profile" } },
    };
    providers.push(oidc);
  }
  return providers;
}
