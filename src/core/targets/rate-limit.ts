// Concurrency and error thresholds as a number of targets (the grammar is command/rate-limit-grammar.ts).
import type { RateLimit } from '../command/ssm-command.js';

/**
 * How many targets a limit allows. A percentage rounds up, so any percentage of at least one target allows
 * at least one (the grammar refuses 0% concurrency; 0% errors stays 0). Counts are not capped at the
 * number of targets: a concurrency of 10 over 4 targets simply runs all 4.
 */
export function resolveRateLimit(limit: RateLimit, targetCount: number): number {
  if (limit.kind === 'count') return limit.value;
  // Integer arithmetic: 7% of 100 must be 7, not 7.000000000000001 rounded up to 8.
  return Math.floor((limit.value * targetCount + 99) / 100);
}
