"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { PasswordField } from "@/app/_components/password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/forms";
import { signUpAction } from "../actions";

/** `via`: the mode whose sign-in page sent the person here, and where they sign in afterwards. */
export function SignUpForm({ next, via }: { next: string; via: "session" | "jwt" }) {
  const [state, action] = useActionState(signUpAction, initialFormState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="via" value={via} />
      <FormMessage state={state} />
      <FormField
        name="name"
        label="Name (optional)"
        autoComplete="name"
        defaultValue={state.fields?.name}
        errors={state.errors?.name}
      />
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
        autoComplete="new-password"
        hint="8 to 128 characters. Spaces, emoji and any language welcome; common passwords are refused."
        errors={state.errors?.password}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
        <Link href={`/${via}/sign-in?next=${encodeURIComponent(next)}`} className="text-sm underline">
          I already have an account
        </Link>
      </div>
    </form>
  );
}
