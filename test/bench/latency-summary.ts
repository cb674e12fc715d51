/** Latency figures in milliseconds, as the bench prints and stores them. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (no interpolation): p99 of 5,000 samples is the 4,950th smallest. */
export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  const count = sorted.length;
  if (count === 0)
    return { count, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  const at = (p: number): number =>
    sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)] ?? Number.NaN;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted[count - 1] ?? Number.NaN),
    mean: round(sum / count),
  };
}

/** Microsecond resolution is all a loopback measurement can claim. */
export const round = (ms: number, digits = 3): number => Number(ms.toFixed(digits));

/** `a / b`, rounded to two decimals; what "hub / raw" prints. */
export const ratio = (a: number, b: number): number => Number((a / b).toFixed(2));

export function formatLatency(summary: LatencySummary): string {
  return `p50 ${summary.p50} ms, p90 ${summary.p90}, p99 ${summary.p99}, max ${summary.max} (n=${summary.count})`;
}
