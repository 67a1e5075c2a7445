import "server-only";
import { unstable_rethrow } from "next/navigation";
import { isStoreUnavailable, StoreUnavailableError } from "@/lib/db/errors";
import { logger } from "@/lib/log";
import { type FormState, formString } from "./index";

type FormHandler = (previous: FormState, formData: FormData) => Promise<FormState>;

const wrapped = new WeakSet<object>();

/** True for an action made by `formAction()` (the action-list test checks every export with it). */
export function isFormAction(action: unknown): boolean {
  return typeof action === "function" && wrapped.has(action);
}

/** What a form says when its store is down: nothing was changed, and nobody was signed out. */
export const FORM_UNAVAILABLE_MESSAGE =
  "authlab cannot reach its store right now, so nothing was changed. Try again in a few seconds.";

/**
 * The one wrapper around every form action read with useActionState. A store that is down
 * becomes the form's own message (the `keep` fields are echoed back, so the visitor keeps what
 * they typed, and nobody is sent to sign in); redirects pass through; anything else is a bug
 * and reaches the error boundary.
 */
export function formAction(handler: FormHandler, options: { keep?: readonly string[] } = {}): FormHandler {
  const run: FormHandler = async (previous, formData) => {
    try {
      return await handler(previous, formData);
    } catch (error) {
      unstable_rethrow(error);
      if (!(error instanceof StoreUnavailableError) && !isStoreUnavailable(error)) throw error;
      logger.warn("form: store unavailable", { error });
      // Only the fields the form names as safe to echo (never a password).
      const fields = Object.fromEntries(
        (options.keep ?? []).map((name) => [name, formString(formData, name)]),
      );
      return { message: FORM_UNAVAILABLE_MESSAGE, fields };
    }
  };
  wrapped.add(run);
  return run;
}
