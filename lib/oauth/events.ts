import "server-only";
import type { NextAuthConfig } from "next-auth";
import type { NextRequest } from "next/server";
import { type AuditEventInput, recordAuditEvent } from "@/lib/audit";
import { oauthRequestContext } from "./request-context";

/**
 * Auth.js's events, each one audit record of OAuth mode (ASVS 16.3.x). Sign-out is audited by the
 * revocation path the adapter's deleteSession goes through (lib/oauth/adapter.ts).
 */
export function oauthAuditEvents(request: NextRequest | undefined): NonNullable<NextAuthConfig["events"]> {
  const audit = async (
    type: AuditEventInput["type"],
    userId: string | null | undefined,
    detail?: AuditEventInput["detail"],
  ): Promise<void> => {
    const context = await oauthRequestContext(request);
    await recordAuditEvent({ type, mode: "oauth", userId: userId ?? null, context, detail });
  };
  return {
    signIn: ({ user, account, isNewUser }) =>
      audit("sign_in.succeeded", user.id, {
        provider: account?.provider ?? "unknown",
        newUser: Boolean(isNewUser),
      }),
    createUser: ({ user }) => audit("user.signed_up", user.id),
    linkAccount: ({ user, account }) =>
      audit("account.linked", user.id, { provider: account.provider, via: "sign_up" }),
  };
}
