// The three secrets' rules, as pure functions over values: lib/env.ts (the only reader of
// process.env) applies them while it validates; the dev-secrets generator uses them too. Not
// `server-only`, like lib/env.ts and lib/vercel.ts.

export const SECRET_NAMES = ["SESSION_SECRET", "JWT_KEYS_SECRET", "AUTH_SECRET"] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Values a secret may never have: the .env.example placeholders and common stand-ins. */
const PLACEHOLDER = /change[-_ ]?me|example|placeholder|secret{2,}|^(x+|0+|1234.*)$/i;

export type SecretProblem = "missing" | "short" | "weak";

/** Why a secret is unacceptable, or null. 32+ characters with enough variety (ASVS 13.3.x). */
export function checkSecret(value: string | undefined): SecretProblem | null {
  if (!value) return "missing";
  if (value.length < 32) return "short";
  if (PLACEHOLDER.test(value) || new Set(value).size < 12) return "weak";
  return null;
}

/** How a configuration problem names a bad secret. */
export function describeSecretProblem(which: string, problem: SecretProblem): string {
  return problem === "missing"
    ? `${which} is not set`
    : `${which} is too ${problem === "short" ? "short (32+ characters)" : "weak (a placeholder or low variety)"}`;
}

/** A secret's value as a list: comma-separated, newest first, blanks around entries ignored. */
export function splitSecretList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export type ResolvedSecrets = {
  /** Each secret's newest value: the one that seals, signs and encrypts. */
  secrets: Record<SecretName, string>;
  /** Every listed value, newest first: all of them open, verify and decrypt. */
  secretLists: Record<SecretName, readonly string[]>;
  problems: string[];
};

/**
 * Rotation (ASVS 13.3.4): each secret is a comma-separated list, newest first; the newest seals,
 * signs and encrypts, every listed one still opens what it made, so rotating signs nobody out.
 * Every entry is checked: production never runs on a missing, short or placeholder one (ASVS
 * 13.3.1); elsewhere only a missing secret is a problem; `next build` needs none.
 */
export function resolveSecrets(
  values: Partial<Record<SecretName, string>>,
  { isProduction, building }: { isProduction: boolean; building: boolean },
): ResolvedSecrets {
  const resolved = { secrets: {}, secretLists: {}, problems: [] } as unknown as ResolvedSecrets;
  for (const name of SECRET_NAMES) {
    const list = splitSecretList(values[name]);
    const entries: (string | undefined)[] = list.length > 0 ? list : [undefined];
    entries.forEach((value, index) => {
      const problem = checkSecret(value);
      if (!problem || building || (!isProduction && problem !== "missing")) return;
      const which = entries.length > 1 ? `${name} (secret ${index + 1} of ${entries.length})` : name;
      resolved.problems.push(describeSecretProblem(which, problem));
    });
    // During `next build` nothing is signed; an unusable marker keeps the types honest.
    resolved.secrets[name] = list[0] ?? "build-time-placeholder-never-used-to-sign-anything";
    resolved.secretLists[name] = list.length > 0 ? list : [resolved.secrets[name]];
  }
  return resolved;
}
