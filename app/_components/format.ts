/** Dates as the server renders them: unambiguous UTC, the same on every machine. */
export function formatDateTime(value: Date): string {
  return `${value.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
