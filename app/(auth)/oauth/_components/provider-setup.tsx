import type { ReactElement } from "react";
import type { ProviderInfo } from "@/lib/oauth/providers";

const code = "rounded bg-zinc-100 px-1 dark:bg-zinc-800";

/** How to turn on a provider that is not configured, for this deployment's own callback URL. */
export function ProviderSetup({ provider, step }: { provider: ProviderInfo; step: string }): ReactElement {
  return (
    <div id={`${provider.id}-setup`} className="space-y-1 text-zinc-600 dark:text-zinc-400">
      <p>Not configured. To add it:</p>
      <ol className="list-decimal space-y-1 pl-5">
        {provider.registerAt ? (
          <li>
            Register an app at{" "}
            <a href={provider.registerAt.url} className="underline" rel="noreferrer" target="_blank">
              {provider.registerAt.label}
            </a>
            .
          </li>
        ) : null}
        <li>
          Callback URL to register: <code className={`break-all ${code}`}>{provider.callbackUrl}</code>
        </li>
        <li>
          Set{" "}
          {provider.requiredEnv.map((name, index) => (
            <span key={name}>
              {index > 0 ? " and " : ""}
              <code className={code}>{name}</code>
            </span>
          ))}{" "}
          {step}.
        </li>
      </ol>
    </div>
  );
}
