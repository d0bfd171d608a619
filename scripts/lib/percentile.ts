/**
 * The nearest-rank percentile of some samples (`p` from 0 to 100; 100 is the maximum), or NaN
 * when there are none. The benchmarks all report latencies this one way.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
