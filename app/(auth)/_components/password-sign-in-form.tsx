"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { PasswordField } from "@/app/_components/password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { type FormState, initialFormState } from "@/lib/forms";

/**
 * Email and password sign-in, shared by session and JWT mode; each passes its own action. A
 * `notice` (after sign-up) shows until the first submission replaces it.
 */
export function PasswordSignInForm({
  next,
  mode,
  notice,
  action: signIn,
}: {
  next: string;
  mode: "session" | "jwt";
  notice?: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  const initial: FormState = notice ? { message: notice, tone: "success" } : initialFormState;
  const [state, action] = useActionState(signIn, initial);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state} />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.fields?.email}
        errors={state.errors?.email}
      />
      <PasswordField
        name="password"
        label="Password"
        autoComplete="current-password"
        errors={state.errors?.password}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        <Link
          href={`/session/sign-up?next=${encodeURIComponent(next)}&via=${mode}`}
          className="text-sm underline"
        >
          Create an account
        </Link>
      </div>
    </form>
  );
}
