// Small statistics for the bench reports.

/** The p-th percentile (0-100) of `values`, nearest-rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A latency distribution in milliseconds. */
export type Distribution = { n: number; p10: number; p50: number; p90: number; p99: number; max: number };

export function distribution(values: readonly number[]): Distribution {
  return {
    n: values.length,
    p10: percentile(values, 10),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: percentile(values, 100),
  };
}

/** A number for a table: fixed decimals, thousands separated. */
export function fmt(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
