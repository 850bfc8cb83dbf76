/** Percentiles of a sample (nearest-rank on a sorted copy). Empty samples give null, never NaN or Infinity. */
export function percentile(sortedValues: ArrayLike<number>, fraction: number): number | null {
  if (sortedValues.length === 0) return null;
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[rank];
}

export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function summarizeLatencies(valuesMs: readonly number[]): LatencySummary {
  const sorted = [...valuesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
}
