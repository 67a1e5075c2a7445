import type { Metadata } from "next";
import { AuthCard } from "@/app/(auth)/_components/auth-card";
import { PasswordSignInForm } from "@/app/(auth)/_components/password-sign-in-form";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in: session mode" };

export default async function SessionSignInPage({ searchParams }: PageProps<"/session/sign-in">) {
  const { next } = await searchParams;
  return (
    <AuthCard
      mode="Session mode"
      title="Sign in"
      description="The server creates a session and sends your browser a sealed cookie that holds only a random id."
    >
      <PasswordSignInForm action={signInAction} next={typeof next === "string" ? next : "/session"} />
    </AuthCard>
  );
}
