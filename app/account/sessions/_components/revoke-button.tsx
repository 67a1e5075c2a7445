"use client";

import { useActionState } from "react";
import { SubmitButtonSecondary } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/forms";
import { revokeSessionAction } from "../actions";

export function RevokeSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const [state, action] = useActionState(revokeSessionAction, initialFormState);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButtonSecondary pendingLabel="Revoking…" ariaLabel={label}>
        Revoke
      </SubmitButtonSecondary>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state.message}
      </span>
    </form>
  );
}
