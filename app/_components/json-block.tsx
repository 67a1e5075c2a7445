/** Pretty-printed JSON in a labelled, keyboard-scrollable block (decoded tokens, payloads). */
export function JsonBlock({
  value,
  label,
  className = "",
}: {
  value: unknown;
  label: string;
  className?: string;
}) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className={`max-h-96 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900 ${className}`}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
