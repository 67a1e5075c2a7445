import type { Metadata } from "next";
import { requireUser } from "@/lib/identity";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const { user } = await requireUser({ next: "/account/password" });
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Change password</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          For {user.email}. Every other session, JWT refresh family and provider session of this account is
          signed out; this browser stays signed in.
        </p>
      </div>
      <div className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">
        <ChangePasswordForm />
      </div>
    </div>
  );
}
