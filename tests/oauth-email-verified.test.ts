// Issue 10, item 7: a new OpenID account is made from its email only when the issuer vouches for
// that email (`email_verified` exactly true). Nothing is created otherwise.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { errorPath } from "@/lib/oauth/paths";
import { decideSignIn } from "@/lib/oauth/sign-in-policy";
import { uniqueEmail } from "@/tests/support/factories";

function attempt(email: string, emailVerified: unknown, type: "oidc" | "oauth" = "oidc") {
  const account = { type, provider: "oidc", providerAccountId: randomUUID() } as const;
  const profile = { sub: account.providerAccountId, email, email_verified: emailVerified };
  return decideSignIn({ user: { email }, account: account as never, profile: profile as never }, undefined);
}

describe("OIDC sign-in by email", () => {
  it.each([undefined, false, "true", 1, null])(
    "refuses email_verified=%j and creates nothing",
    async (value) => {
      const email = uniqueEmail("unverified");
      expect(await attempt(email, value)).toBe(errorPath("EmailUnverified", "oidc"));
      expect(await db.user.count({ where: { email } })).toBe(0);
    },
  );

  it("accepts email_verified=true (control)", async () => {
    expect(await attempt(uniqueEmail("verified"), true)).toBe(true);
  });

  it("refuses an email an OAuth 2.0 provider explicitly disowns", async () => {
    expect(await attempt(uniqueEmail("oauth"), false, "oauth")).toBe(errorPath("EmailUnverified", "oidc"));
  });
});
