import type { Metadata } from "next";
import Link from "next/link";
import { hasPassword } from "@/lib/auth/credentials";
import { requireUser } from "@/lib/identity";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requireUser({ next: "/account" });
  const withPassword = await hasPassword(user.id);
  const items = [
    {
      href: "/account/sessions",
      title: "Sessions",
      text: "Every browser signed in, in every mode; revoke any of them, or all at once.",
    },
    {
      href: "/account/api-keys",
      title: "API keys",
      text: "Keys for your scripts: create, scope, see their use, revoke.",
    },
    ...(withPassword
      ? [
          {
            href: "/account/password",
            title: "Password",
            text: "Change it; every other session and token is signed out.",
          },
        ]
      : []),
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">Account</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{user.email}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="block h-full rounded-lg border border-zinc-200 p-5 hover:border-indigo-400 dark:border-zinc-800"
            >
              <span className="font-semibold">{item.title}</span>
              <span className="mt-1 block text-sm text-zinc-600 dark:text-zinc-400">{item.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
