import "server-only";
import {
  clientNetwork,
  hitRateLimit,
  RATE_LIMITS,
  type RateLimitRule,
  refundRateLimit,
  resetRateLimit,
} from "@/lib/security/rate-limit";
import type { RequestContext } from "@/lib/security/request";

// Which limits an attempt passes, in order (ASVS 6.3.1; docs/security.md weighs them). Narrow
// limits come first and a refusal stops the walk, so an attempt refused for one client never
// counts against the limits it shares with everyone else: one client guessing locks out only
// itself. Limits keyed on the client network need a client IP; without one (TRUST_PROXY=0) they
// step aside instead of putting every client in one bucket that any of them could fill.

export type ThrottleScope = "ip" | "account-ip" | "account" | "all";

export type Throttled = { allowed: false; retryAfterSeconds: number; scope: ThrottleScope };

type Step = { scope: ThrottleScope; rule: RateLimitRule; subject: string };

async function walk(steps: Step[]): Promise<Throttled | null> {
  for (const { scope, rule, subject } of steps) {
    const decision = await hitRateLimit(rule, subject);
    if (!decision.allowed) return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds, scope };
  }
  return null;
}

/** The steps keyed on the client network, or none without a client IP. */
function perClient(context: RequestContext, step: (network: string) => Step[]): Step[] {
  return context.ipAddress ? step(clientNetwork(context.ipAddress)) : [];
}

export type SignInThrottle = { allowed: true; succeeded: () => Promise<void> } | Throttled;

/**
 * Counts one sign-in attempt for `email` (normalised) before the password is checked. On a
 * correct password call `succeeded()`: the client's failures against the account are forgotten
 * and the attempt is taken back from the account's IP-independent count (other clients' failures
 * stay). Keyed by the email whether or not an account has it, so a refusal reveals nothing.
 */
export async function throttleSignIn(email: string, context: RequestContext): Promise<SignInThrottle> {
  const accountAndClient = (network: string) => `${email}|${network}`;
  const refused = await walk([
    ...perClient(context, (network) => [
      { scope: "ip", rule: RATE_LIMITS.signInPerIp, subject: network },
      { scope: "account-ip", rule: RATE_LIMITS.signInPerAccountAndIp, subject: accountAndClient(network) },
    ]),
    { scope: "account", rule: RATE_LIMITS.signInPerAccount, subject: email },
    { scope: "all", rule: RATE_LIMITS.signInGlobal, subject: "all" },
  ]);
  if (refused) return refused;
  return {
    allowed: true,
    succeeded: async () => {
      if (context.ipAddress) {
        await resetRateLimit(
          RATE_LIMITS.signInPerAccountAndIp,
          accountAndClient(clientNetwork(context.ipAddress)),
        );
      }
      await refundRateLimit(RATE_LIMITS.signInPerAccount, email);
    },
  };
}

/** Counts one sign-up attempt (whatever its email: the answer is the same either way). */
export async function throttleSignUp(context: RequestContext): Promise<Throttled | null> {
  return walk([
    ...perClient(context, (network) => [{ scope: "ip", rule: RATE_LIMITS.signUpPerIp, subject: network }]),
    { scope: "all", rule: RATE_LIMITS.signUpGlobal, subject: "all" },
  ]);
}

export type PasswordCheckThrottle = { allowed: true; succeeded: () => Promise<void> } | Throttled;

/** Counts one check of a signed-in user's current password (password change). */
export async function throttlePasswordCheck(userId: string): Promise<PasswordCheckThrottle> {
  const refused = await walk([
    { scope: "account", rule: RATE_LIMITS.passwordChangePerUser, subject: userId },
  ]);
  if (refused) return refused;
  return { allowed: true, succeeded: () => resetRateLimit(RATE_LIMITS.passwordChangePerUser, userId) };
}
