import "server-only";

// "Which should I choose", derived from what the experiments measure, not from opinion: each
// recommendation names the experiments whose results it rests on, and says what they found here.
// tests/lab.test.ts checks every experiment named is one the lab runs.

export type Recommendation = {
  need: string;
  choose: string;
  because: readonly { slug: string; finding: string }[];
};

export const RECOMMENDATIONS: readonly Recommendation[] = [
  {
    need: "Signing out, or locking out a stolen sign-in, must take effect at once (most web apps)",
    choose: "Session mode, or Auth.js with database sessions when people sign in with a provider",
    because: [
      {
        slug: "logout",
        finding:
          "a copied session cookie is refused on the next request after sign-out; a JWT is accepted until exp",
      },
      {
        slug: "per-request-cost",
        finding: "the price is one indexed read per request, timed there next to a signature check",
      },
    ],
  },
  {
    need: "Other services must check who is calling without asking you (APIs, several back ends)",
    choose: "JWT access tokens: short-lived, asymmetric keys, rotating refresh tokens with reuse detection",
    because: [
      {
        slug: "offline-verification",
        finding: "a process with no database and no secret verifies the token from the JWKS alone",
      },
      {
        slug: "logout",
        finding: "the cost: a signed-out token works until it expires, unless every check reads a deny-list",
      },
      { slug: "stolen-refresh-token", finding: "a replayed refresh token ends the whole family" },
    ],
  },
  {
    need: "Users keep working through a short database outage",
    choose: "JWT access tokens, knowing the limit",
    because: [
      {
        slug: "store-outage",
        finding:
          "session and Auth.js checks answer 503; a JWT keeps working only until it expires, and refreshing needs the store",
      },
    ],
  },
  {
    need: "You would rather keep no passwords at all",
    choose: "OAuth/OIDC sign-in (Auth.js), with sessions on your server",
    because: [
      {
        slug: "delegated-sign-in",
        finding: "no password hash and no provider token is stored; the provider account becomes the way in",
      },
    ],
  },
  {
    need: "Scripts and CI call your API",
    choose: "Personal API keys with scopes, not long-lived JWTs or copied cookies",
    because: [
      {
        slug: "api-keys",
        finding: "a key works on the API only and is refused on the request right after revocation",
      },
    ],
  },
  {
    need: "Every byte of every request counts",
    choose: "A session cookie: a fixed-size reference",
    because: [
      { slug: "size", finding: "a JWT cookie grows with each claim; a sealed session cookie does not" },
    ],
  },
];
