/**
 * Runs a command-line script's main and exits with its code; an error prints its message alone
 * (no stack: the scripts' errors are meant for operators) and exits 1.
 */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
