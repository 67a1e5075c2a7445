// The settings a server refuses to start with, beyond each variable's own shape (lib/env.ts):
// production must be explicit about its origin, its proxy and its demo provider.
import { checkSecret, describeSecretProblem } from "./secrets";

/** Loopback hosts, where browsers and this app may run over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type SettingsToCheck = {
  /** Resolved: the value set, Vercel's, or the development default. */
  APP_URL: string;
  appUrlSet: boolean;
  AUTH_DEMO_IDP: boolean;
  TRUST_PROXY?: boolean;
  CRON_SECRET?: string;
  /** A Vercel deployment (it derives APP_URL and sets X-Forwarded-For itself). */
  deployed: boolean;
  isProduction: boolean;
  /** `next build` compiling: nothing runs, so nothing is checked but the shapes. */
  building: boolean;
};

export function productionProblems(settings: SettingsToCheck): string[] {
  if (settings.building) return [];
  const problems: string[] = [];
  const production = settings.isProduction;
  const appUrl = new URL(settings.APP_URL);
  // No localhost default in production: Auth.js callbacks, cookie Secure and the CSP's origins
  // all derive from it (ASVS 13.1.1: configuration is explicit). Vercel derives it for you.
  if (production && !settings.appUrlSet && !settings.deployed) {
    problems.push(
      "APP_URL must be set in production: the public https origin, e.g. https://auth.example.com",
    );
  }
  // The demo provider asserts any email as verified: only for a browser on this machine.
  if (settings.AUTH_DEMO_IDP && !isLoopbackHost(appUrl.hostname)) {
    problems.push(
      "AUTH_DEMO_IDP=1 is only allowed when APP_URL is on loopback (localhost, 127.0.0.1, [::1]): " +
        "the demo provider signs anyone in as any verified email",
    );
  }
  // Cookies are Secure exactly when APP_URL is https (lib/http/cookies.ts), so production serves
  // https, or plain http on loopback only (`npm start` on this machine, the e2e server). ASVS 3.3.1.
  if (production && appUrl.protocol !== "https:" && !isLoopbackHost(appUrl.hostname)) {
    problems.push("APP_URL must be https in production (plain http only on localhost or 127.0.0.1)");
  }
  // Without a client IP the per-client limits cannot exist (docs/security.md, "Rate limits"), so a
  // production server only starts once someone has chosen (ASVS 6.1.1: the throttling is a
  // documented decision). A Vercel deployment has chosen for you (lib/vercel.ts).
  if (production && settings.TRUST_PROXY === undefined && !settings.deployed) {
    problems.push(
      "TRUST_PROXY must be set in production: 1 behind a proxy you control that sets X-Forwarded-For " +
        "(per-client rate limits), 0 if clients connect directly (per-account limits only; see docs/security.md)",
    );
  }
  // CRON_SECRET is optional, but once set it guards a job that deletes rows: same bar as the others.
  const cronProblem = settings.CRON_SECRET === undefined ? null : checkSecret(settings.CRON_SECRET);
  if (cronProblem && production) problems.push(describeSecretProblem("CRON_SECRET", cronProblem));
  return problems;
}
