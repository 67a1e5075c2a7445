import type { Metadata } from "next";
import Link from "next/link";
import { describeSignInError } from "@/lib/oauth/messages";

export const metadata: Metadata = { title: "Sign-in problem" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Auth.js's error page (pages.error): what happened, in words, and what to do next. */
export default async function OAuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const message = describeSignInError(Array.isArray(error) ? error[0] : error);
  return (
    <div className="max-w-xl space-y-4" role="alert">
      <h1 className="text-2xl font-bold tracking-tight">{message.title}</h1>
      <p className="text-zinc-700 dark:text-zinc-300">{message.body}</p>
      <Link
        href="/oauth/sign-in"
        className="inline-flex rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Back to sign-in
      </Link>
    </div>
  );
}
