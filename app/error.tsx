"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { STORE_UNAVAILABLE_DIGEST } from "@/lib/core/unavailable";

/**
 * Every page's error boundary. A store that is down gets its own state: the visitor is not signed
 * out and must not be sent to sign in; they are told to try again. Anything else gets a generic
 * message and the digest (no stack or message: production hides them from the browser anyway).
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const unavailable = error.digest === STORE_UNAVAILABLE_DIGEST;
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });

  return (
    <section
      aria-labelledby="error-heading"
      data-testid={unavailable ? "unavailable" : "error"}
      className="mx-auto max-w-xl space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-700 dark:bg-amber-950/40"
    >
      <h1 id="error-heading" className="text-xl font-semibold">
        {unavailable ? "Temporarily unavailable" : "Something went wrong"}
      </h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
        {unavailable
          ? "authlab cannot check your sign-in right now because its store is not answering. You are not signed out: try again in a few seconds."
          : "This page could not be shown. Try again; if it keeps happening, report the reference below."}
      </p>
      {!unavailable && error.digest ? (
        <p className="text-xs text-zinc-500">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <button
        type="button"
        onClick={retry}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Try again
      </button>
    </section>
  );
}
