import "server-only";
import { randomBytes } from "node:crypto";
import { verifyPasswordSignIn } from "@/lib/auth/credentials";
import { generateToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createOAuthAdapter } from "@/lib/oauth/adapter";
import { oauthSessionCookieName } from "@/lib/oauth/cookies";
import { revokeAllCredentials } from "@/lib/revocation";
import { identityWith, type LabContext } from "../context";
import { STANDARDS } from "../standards";
import { THROWAWAY_EMAIL_DOMAIN } from "../throwaway";
import type { Experiment } from "../experiment";

/** What a provider's token endpoint hands Auth.js at sign-in: values of the right shape, none real. */
function providerTokens() {
  const fake = () => `lab-${randomBytes(18).toString("base64url")}`;
  return {
    access_token: fake(),
    refresh_token: fake(),
    id_token: `${fake()}.${fake()}.${fake()}`,
    token_type: "bearer" as const,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  };
}

const days = (ms: number) => `${Math.round(ms / 86_400_000)} days`;

/**
 * Signs a provider-only user in the way Auth.js's callback does after a provider vouched for
 * them: the adapter creates the user, links the provider account with the tokens the provider
 * returned, and creates the database session whose id goes in the cookie.
 */
async function signInThroughProvider(lab: LabContext) {
  const adapter = createOAuthAdapter();
  const email = `lab-${randomBytes(8).toString("hex")}-idp@${THROWAWAY_EMAIL_DOMAIN}`;
  const user = await adapter.createUser!({
    id: "",
    email,
    emailVerified: new Date(),
    name: "Lab provider user",
  });
  await adapter.linkAccount!({
    userId: user.id,
    type: "oidc",
    provider: "demo",
    providerAccountId: `lab-${lab.user.id}`,
    scope: "openid email profile",
    ...providerTokens(),
  });
  const token = generateToken();
  const expires = new Date(Date.now() + env.AUTH_SESSION_MAX_AGE * 1000);
  await adapter.createSession!({ sessionToken: token, userId: user.id, expires });
  return { user, cookie: `${oauthSessionCookieName()}=${token}`, expires };
}

async function run(lab: LabContext) {
  lab.step(
    "A provider vouches for a new person: Auth.js's adapter creates the user, links the account, opens a session",
  );
  const provider = await signInThroughProvider(lab);
  try {
    lab.step("Reading what authlab stored: a password hash? the provider's tokens?");
    const stored = await db.user.findUnique({
      where: { id: provider.user.id },
      select: {
        password: { select: { userId: true } },
        accounts: { select: { access_token: true, refresh_token: true, id_token: true, scope: true } },
      },
    });
    const account = stored?.accounts[0];
    const tokensKept = [account?.access_token, account?.refresh_token, account?.id_token].filter(
      Boolean,
    ).length;

    lab.step("Trying the address with a password, as an attacker without the provider would");
    const guessed = await verifyPasswordSignIn(
      { email: provider.user.email, password: randomBytes(16).toString("base64url") },
      lab.context,
      "session",
    );

    lab.step("Checking the Auth.js session cookie with the app's identity function");
    const signedIn = Boolean((await identityWith({ cookie: provider.cookie })).modes.oauth);

    lab.step("The person's provider account is taken over: what still works here, and what ends it");
    const lifetime = provider.expires.getTime() - Date.now();
    await revokeAllCredentials(provider.user.id, "signed_out_everywhere", { context: lab.context });
    const afterRevoke = Boolean((await identityWith({ cookie: provider.cookie })).modes.oauth);

    const holds = !stored?.password && tokensKept === 0 && !guessed.ok && signedIn && !afterRevoke;
    return {
      verdict: holds ? "holds_at_a_cost" : "does_not_hold",
      headline: `Password hash stored: ${stored?.password ? "yes" : "none"}; provider tokens kept: ${tokensKept} of 3; password sign-in: ${guessed.ok ? "accepted" : "refused"}; Auth.js session: ${signedIn ? "signed in" : "refused"}`,
      cost: "whoever controls the provider account signs in here, and a session made that way lasts until it expires or the person signs out everywhere: signing out at the provider does not end it",
      measurements: [
        { label: "Password hash for the provider user", value: stored?.password ? "stored" : "none" },
        {
          label: "Provider tokens handed to the adapter",
          value: "access, refresh and ID token",
        },
        { label: "Provider tokens in the database", value: `${tokensKept} of 3` },
        { label: "Scopes kept (shown on Connections)", value: account?.scope ?? "none" },
        {
          label: "Password sign-in for the address",
          value: guessed.ok ? "accepted" : "refused (the same answer as a wrong password)",
        },
        { label: "Auth.js session cookie", value: signedIn ? "signed in" : "refused" },
        { label: "Session lifetime, whatever the provider does", value: days(lifetime) },
        {
          label: "The same cookie after signing out everywhere",
          value: afterRevoke ? "still signed in" : "refused",
        },
      ],
      data: { tokensKept: String(tokensKept), passwordHash: stored?.password ? "stored" : "none" },
    } as const;
  } finally {
    // The cascade takes the account and the Auth.js session with the user.
    await db.user.deleteMany({ where: { id: provider.user.id } });
  }
}

export const delegatedSignInExperiment: Experiment = {
  slug: "delegated-sign-in",
  number: 13,
  title: "Delegated sign-in",
  claim: "With OAuth, the app keeps no password and the provider's tokens never leave the server.",
  explanation: [
    "The run signs a new person in the way Auth.js's callback does once a provider has vouched for them (authlab's adapter creates the user, links the account with the tokens the provider returned, opens a database session), then reads back what was stored.",
    "There is no password hash to steal or to guess: a password sign-in for the address gets the same refusal as a wrong password. authlab goes further than the claim: it keeps none of the provider's tokens at all (ASVS 5.0 10.1.1: tokens only where they are needed; nothing here calls the provider's API after sign-in), so neither the browser nor a copy of the database holds a live credential at the provider. The ID token's signature was checked against the issuer's keys at sign-in (ASVS 10.5.x).",
    "The cost is trust: the provider now decides who this person is. Whoever controls the provider account (a phished password, a SIM swap) signs in here, and the session made that way is authlab's own: it lasts until it expires or the person signs out everywhere, whatever happens at the provider afterwards (OpenID Connect back-channel logout would close that gap; authlab does not implement it).",
  ],
  standards: [STANDARDS.oidcCore, STANDARDS.asvsV10, STANDARDS.owaspOAuth, STANDARDS.rfc9700],
  run,
};
