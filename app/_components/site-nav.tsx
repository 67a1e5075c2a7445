import Link from "next/link";
import { getIdentity } from "@/lib/identity";

const linkClass = "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white";

/** The header navigation; shows who the pages see (from lib/identity's precedence). */
export async function SiteNav() {
  const identity = await getIdentity();
  return (
    <nav
      aria-label="Main"
      className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm"
    >
      <Link href="/" className="font-semibold tracking-tight">
        authlab
      </Link>
      <Link href="/dashboard" className={linkClass}>
        Dashboard
      </Link>
      <Link href="/compare" className={linkClass}>
        Compare
      </Link>
      {identity.user ? (
        <>
          <Link href="/account" className={linkClass}>
            Account
          </Link>
          <span
            className="ml-auto max-w-full truncate text-xs text-zinc-500 dark:text-zinc-400"
            data-testid="nav-identity"
          >
            {identity.user.email} · {identity.mode}
          </span>
        </>
      ) : identity.unavailable.length > 0 ? (
        // Cannot check is not signed out: no "Sign in" link while the store is down.
        <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400" data-testid="nav-identity">
          Sign-in status unavailable
        </span>
      ) : (
        <Link href="/session/sign-in" className={`ml-auto ${linkClass}`}>
          Sign in
        </Link>
      )}
    </nav>
  );
}
