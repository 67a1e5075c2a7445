import type { Metadata } from "next";
import { AuthCard } from "@/app/(auth)/_components/auth-card";
import { PasswordSignInForm } from "@/app/(auth)/_components/password-sign-in-form";
import { SIGN_UP_DONE_MESSAGE } from "@/lib/auth/credentials";
import { signInAction } from "./actions";
import { safeRedirectPath } from "@/lib/security/redirect";

export const metadata: Metadata = { title: "Sign in: JWT mode" };

export default async function JwtSignInPage({ searchParams }: PageProps<"/jwt/sign-in">) {
  const { next, notice } = await searchParams;
  return (
    <AuthCard
      mode="JWT mode"
      title="Sign in"
      description="The server signs a short-lived access token and hands out a rotating refresh token; both travel in HttpOnly cookies. Accounts are shared with session mode."
    >
      <PasswordSignInForm
        action={signInAction}
        mode="jwt"
        next={safeRedirectPath(next, "/jwt")}
        notice={notice === "signed-up" ? SIGN_UP_DONE_MESSAGE : undefined}
      />
    </AuthCard>
  );
}
