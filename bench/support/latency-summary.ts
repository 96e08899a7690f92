// Percentiles of latencies measured by a benchmark, and the ratio of two of them.

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles, in ms to a tenth. */
export function summarizeLatencies(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (percentile: number) =>
    sorted.length === 0
      ? Number.NaN
      : round(sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]!);
  return { samples: sorted.length, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: at(100) };
}

/** ours / theirs, to two decimals. */
export function ratio(ours: number, theirs: number): number {
  return Math.round((ours / theirs) * 100) / 100;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
