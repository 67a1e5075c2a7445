import { ActionForm } from "@/app/_components/action-form";
import { signOutAction } from "../actions";

/** JWT mode's sign-out (the /jwt page and the dashboard's JWT panel). */
export function JwtSignOutForm() {
  return (
    <ActionForm
      action={signOutAction}
      fields={{}}
      label="Sign out"
      pendingLabel="Signing out…"
      variant="danger"
    />
  );
}
