"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import { describedInput, FieldDescription, FormField, inputClass } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { PasswordField } from "@/app/_components/password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { API_KEY_SCOPES } from "@/lib/apikey/scopes";
import { initialFormState } from "@/lib/forms";
import { createApiKeyAction } from "../actions";
import { NewKeyPanel } from "./new-key-panel";

/** How this visitor proves a recent sign-in before creating a key, as the page decided. */
export type StepUp = { kind: "none" } | { kind: "password" } | { kind: "provider"; signInPath: string };

const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "7", label: "7 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

export function CreateApiKeyForm({ stepUp, windowMinutes }: { stepUp: StepUp; windowMinutes: number }) {
  const [state, action] = useActionState(createApiKeyAction, initialFormState);
  const scopesId = useId();
  const expiryId = useId();
  const scopeErrors = state.errors?.scopes;
  return (
    <div className="space-y-4">
      {state.secret ? <NewKeyPanel apiKey={state.secret} /> : null}
      <form action={action} className="space-y-4" noValidate>
        <FormMessage state={state} />
        <FormField
          name="name"
          label="Name"
          required
          maxLength={64}
          autoComplete="off"
          defaultValue={state.fields?.name ?? ""}
          hint="What uses it, e.g. “backup script”."
          errors={state.errors?.name}
        />
        <fieldset
          className="space-y-2"
          aria-describedby={scopeErrors?.length ? `${scopesId}-error` : undefined}
        >
          <legend className="text-sm font-medium">Scopes</legend>
          {Object.entries(API_KEY_SCOPES).map(([scope, description]) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read:profile"} />
              <span>
                <code>{scope}</code>: {description}
              </span>
            </label>
          ))}
          <FieldDescription id={scopesId} errors={scopeErrors} />
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={expiryId} className="block text-sm font-medium">
            Expires
          </label>
          <select
            id={expiryId}
            name="expiry"
            defaultValue={state.fields?.expiry || "30"}
            className={inputClass}
            {...describedInput(expiryId, undefined, state.errors?.expiry)}
          >
            {EXPIRY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldDescription id={expiryId} errors={state.errors?.expiry} />
        </div>
        {stepUp.kind === "password" ? (
          <PasswordField
            name="currentPassword"
            label="Your password"
            autoComplete="current-password"
            hint={`You signed in more than ${windowMinutes} minutes ago: confirm it is you.`}
            errors={state.errors?.currentPassword}
          />
        ) : null}
        {stepUp.kind === "provider" ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            Creating a key needs a sign-in from the last {windowMinutes} minutes.{" "}
            <Link href={stepUp.signInPath} className="font-medium underline">
              Sign in again with your provider
            </Link>
            , then create the key.
          </p>
        ) : (
          <SubmitButton pendingLabel="Creating key…">Create key</SubmitButton>
        )}
      </form>
    </div>
  );
}
