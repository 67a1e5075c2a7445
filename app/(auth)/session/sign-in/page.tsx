import type { Metadata } from "next";
import { AuthCard } from "@/app/(auth)/_components/auth-card";
import { PasswordSignInForm } from "@/app/(auth)/_components/password-sign-in-form";
import { SIGN_UP_DONE_MESSAGE } from "@/lib/auth/credentials";
import { signInAction } from "./actions";
import { safeRedirectPath } from "@/lib/security/redirect";

export const metadata: Metadata = { title: "Sign in: session mode" };

export default async function SessionSignInPage({ searchParams }: PageProps<"/session/sign-in">) {
  const { next, notice } = await searchParams;
  return (
    <AuthCard
      mode="Session mode"
      title="Sign in"
      description="The server creates a session and sends your browser a sealed cookie that holds only a random id."
    >
      <PasswordSignInForm
        action={signInAction}
        mode="session"
        next={safeRedirectPath(next, "/session")}
        notice={notice === "signed-up" ? SIGN_UP_DONE_MESSAGE : undefined}
      />
    </AuthCard>
  );
}
