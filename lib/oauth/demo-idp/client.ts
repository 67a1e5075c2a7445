// The app's registration at the local demo OpenID provider, shared by both sides. Nothing secret
// is committed: the client secret is derived from AUTH_SECRET, which both processes already have.
import { createHmac } from "node:crypto";

export const DEMO_PROVIDER_ID = "demo";
export const DEMO_CLIENT_ID = "authlab-demo";

/** The issuer lives on IPv4 loopback; the app itself is browsed as http://localhost. */
export function demoIssuer(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function demoClientSecret(authSecret: string): string {
  return createHmac("sha256", authSecret).update("authlab demo-idp client secret v1").digest("base64url");
}

/** Where Auth.js expects a provider to send the browser back. */
export function callbackUrlFor(appUrl: string, providerId: string): string {
  return new URL(`/api/auth/callback/${providerId}`, appUrl).toString();
}

type ClientEnv = {
  APP_URL: string;
  AUTH_SECRET: string;
  DEMO_IDP_PORT: number;
  AUTH_GOOGLE_ID?: string;
  AUTH_GOOGLE_SECRET?: string;
  AUTH_GOOGLE_ISSUER?: string;
  AUTH_OIDC_ISSUER?: string;
  AUTH_OIDC_ID?: string;
  AUTH_OIDC_SECRET?: string;
};

export type DemoClientRegistration = {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  name: string;
};

/**
 * The clients the demo provider knows: authlab's own, plus the Google and generic OIDC clients
 * when their issuer is pointed at the demo provider (how the tests exercise those providers).
 */
export function demoClientsFor(env: ClientEnv): DemoClientRegistration[] {
  const issuer = demoIssuer(env.DEMO_IDP_PORT);
  const sameIssuer = (value?: string) => Boolean(value) && value!.replace(/\/$/, "") === issuer;
  const clients: DemoClientRegistration[] = [
    {
      clientId: DEMO_CLIENT_ID,
      clientSecret: demoClientSecret(env.AUTH_SECRET),
      redirectUri: callbackUrlFor(env.APP_URL, DEMO_PROVIDER_ID),
      name: "authlab",
    },
  ];
  if (sameIssuer(env.AUTH_GOOGLE_ISSUER) && env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    clients.push({
      clientId: env.AUTH_GOOGLE_ID,
      clientSecret: env.AUTH_GOOGLE_SECRET,
      redirectUri: callbackUrlFor(env.APP_URL, "google"),
      name: "authlab (as Google)",
    });
  }
  if (sameIssuer(env.AUTH_OIDC_ISSUER) && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    clients.push({
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      redirectUri: callbackUrlFor(env.APP_URL, "oidc"),
      name: "authlab (generic OIDC)",
    });
  }
  return clients;
}
