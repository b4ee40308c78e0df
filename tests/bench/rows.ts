/** One line of the bench table (run.ts prints them): a figure, its target, and which figure the target gates. */
export interface BenchRow {
  name: string;
  median: number;
  p95: number;
  target: number;
  unit: string;
  /** Which figure the target applies to (p95 unless said); 'none' is reported only. */
  gate?: 'median' | 'p95' | 'none';
}

/** The `q` quantile of `values` (nearest rank); NaN for no values, which then misses any target. */
export const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
