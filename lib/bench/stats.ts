// Order statistics of a sample, exact: percentiles by the nearest-rank method (the p-th percentile is
// the ceil(p/100 · n)-th smallest value), so every reported figure is a value that was measured, never
// an interpolation between two. With n < 100 the p99 is the maximum; the summary says n beside it.

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** The p-th percentile (0 < p ≤ 100) of an ascending-sorted, non-empty sample, by nearest rank. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  // 1e-9 keeps p·n that is an integer in floating point (e.g. 0.95 · 20 = 19.000000000000004) at that integer.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sortedCopy(values), p);
}

/** n, min, p50, p95, p99, max and mean; undefined for an empty sample. Non-finite values are refused. */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`cannot summarize a sample containing ${v}`);
  const s = sortedCopy(values);
  return {
    n: s.length,
    min: s[0] as number,
    p50: percentileOfSorted(s, 50),
    p95: percentileOfSorted(s, 95),
    p99: percentileOfSorted(s, 99),
    max: s[s.length - 1] as number,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** Fraction of the sample at or below `limit` (0..1). */
export function fractionAtMost(values: readonly number[], limit: number): number {
  if (values.length === 0) return Number.NaN;
  return values.filter((v) => v <= limit).length / values.length;
}

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
