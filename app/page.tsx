import Link from "next/link";

const modes = [
  {
    name: "Session",
    href: "/session/sign-in",
    summary:
      "A sealed iron-session cookie carries a random id; the session lives on the server, so it can be listed and revoked at once.",
    facts: ["Opaque cookie", "Server-side state", "Instant revocation"],
  },
  {
    name: "JWT",
    href: "/jwt/sign-in",
    summary:
      "Short-lived ES256 access tokens verified without a database read, with rotating refresh tokens and reuse detection.",
    facts: ["Signed claims", "Stateless checks", "Revocation waits for exp"],
  },
  {
    name: "OAuth / OIDC",
    href: "/oauth/sign-in",
    summary:
      "Auth.js with GitHub, Google, any OpenID issuer, and a local OpenID provider that works with no accounts anywhere.",
    facts: ["Authorization code + PKCE", "Delegated identity", "Database sessions"],
  },
] as const;

export default function HomePage() {
  return (
    <div className="space-y-12">
      <section className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Three ways to sign in, side by side</h1>
        <p className="text-lg text-zinc-600 dark:text-zinc-400">
          authlab signs you in with server sessions, JSON Web Tokens and OAuth/OpenID Connect in the same app,
          then shows every credential live: the cookies your browser holds, what the server verified, and when
          each one expires.
        </p>
        <Link
          href="/dashboard"
          className="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Open the dashboard
        </Link>
      </section>

      <section aria-labelledby="modes-heading" className="space-y-4">
        <h2 id="modes-heading" className="text-xl font-semibold">
          The modes
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {modes.map((mode) => (
            <li
              key={mode.name}
              className="flex flex-col rounded-lg border border-zinc-200 p-5 dark:border-zinc-800"
            >
              <h3 className="text-lg font-semibold">{mode.name}</h3>
              <p className="mt-2 flex-1 text-sm text-zinc-600 dark:text-zinc-400">{mode.summary}</p>
              <ul className="mt-4 flex flex-wrap gap-2 text-xs" aria-label={`${mode.name} traits`}>
                {mode.facts.map((fact) => (
                  <li key={fact} className="rounded-full bg-zinc-100 px-2 py-1 dark:bg-zinc-800">
                    {fact}
                  </li>
                ))}
              </ul>
              <Link
                href={mode.href}
                className="mt-5 inline-flex w-fit rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
              >
                Sign in with {mode.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
