import type { Metadata } from "next";
import { AuthCard } from "@/app/(auth)/_components/auth-card";
import { SignUpForm } from "./_components/sign-up-form";
import { safeRedirectPath } from "@/lib/security/redirect";

export const metadata: Metadata = { title: "Create an account" };

export default async function SessionSignUpPage({ searchParams }: PageProps<"/session/sign-up">) {
  const { next, via } = await searchParams;
  return (
    <AuthCard
      mode="Session mode"
      title="Create an account"
      description="One account for every mode: use the same email and password in JWT mode, and link providers later."
    >
      <SignUpForm next={safeRedirectPath(next, "/session")} via={via === "jwt" ? "jwt" : "session"} />
    </AuthCard>
  );
}
