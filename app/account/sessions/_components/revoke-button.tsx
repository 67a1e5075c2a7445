"use client";

import { useActionState } from "react";
import { SubmitButtonSecondary } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/forms";
import { revokeOAuthSessionAction, revokeSessionAction, revokeTokenFamilyAction } from "../actions";

export type SignInKind = "session" | "family" | "oauth";

const ACTIONS = {
  session: { action: revokeSessionAction, field: "sessionId" },
  family: { action: revokeTokenFamilyAction, field: "familyId" },
  oauth: { action: revokeOAuthSessionAction, field: "oauthSessionId" },
} as const;

/** Revokes a session-mode session, a JWT refresh family or an Auth.js session. */
export function RevokeSessionButton({
  sessionId,
  label,
  kind = "session",
}: {
  sessionId: string;
  label: string;
  kind?: SignInKind;
}) {
  const { action: revoke, field } = ACTIONS[kind];
  const [state, action] = useActionState(revoke, initialFormState);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name={field} value={sessionId} />
      <SubmitButtonSecondary pendingLabel="Revoking…" ariaLabel={label}>
        Revoke
      </SubmitButtonSecondary>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state.message}
      </span>
    </form>
  );
}
