"use client";

import { useActionState } from "react";
import { SubmitButtonSecondary } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/forms";
import { revokeSessionAction, revokeTokenFamilyAction } from "../actions";

/** Revokes a session-mode session, or (kind "family") a JWT refresh family. */
export function RevokeSessionButton({
  sessionId,
  label,
  kind = "session",
}: {
  sessionId: string;
  label: string;
  kind?: "session" | "family";
}) {
  const [state, action] = useActionState(
    kind === "session" ? revokeSessionAction : revokeTokenFamilyAction,
    initialFormState,
  );
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name={kind === "session" ? "sessionId" : "familyId"} value={sessionId} />
      <SubmitButtonSecondary pendingLabel="Revoking…" ariaLabel={label}>
        Revoke
      </SubmitButtonSecondary>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state.message}
      </span>
    </form>
  );
}
