// One cycle of polling a location: the fewest DescribeAutomationExecutions calls that cover everything tracked
// there, and then which executions moved (only those are read in detail).
import { type ExecutionSummary, fingerprintOf, type TrackedEntry } from './tracked-location.js';

/** SSM takes at most 10 values per DescribeAutomationExecutions filter. */
export const FILTER_VALUES_PER_CALL = 10;

export type DescribeFilter = { key: 'ExecutionId' | 'ParentExecutionId'; values: string[] };

/** Executions by id (those not covered by a parent filter) and children by parent id, ten values per call. */
export function planDescribeCalls(entries: readonly TrackedEntry[]): DescribeFilter[] {
  const parents = entries.flatMap((entry) => (entry.kind === 'children' ? [entry.parentExecutionId] : []));
  const covered = new Set(parents);
  const ids = entries.flatMap((entry) =>
    entry.kind === 'execution' && !(entry.viaParent && covered.has(entry.viaParent))
      ? [entry.executionId]
      : [],
  );
  return [
    ...chunk(ids).map((values) => ({ key: 'ExecutionId' as const, values })),
    ...chunk(parents).map((values) => ({ key: 'ParentExecutionId' as const, values })),
  ];
}

/** An execution that moved, and the run it belongs to. */
export interface MovedExecution {
  summary: ExecutionSummary;
  runId: string;
}

/**
 * Tracked executions whose status or current step changed, and children seen for the first time. Pure: the
 * caller reads details and records fingerprints.
 */
export function findMoves(
  entries: readonly TrackedEntry[],
  summaries: readonly ExecutionSummary[],
): MovedExecution[] {
  const known = new Map(
    entries.flatMap((entry) => (entry.kind === 'execution' ? [[entry.executionId, entry] as const] : [])),
  );
  const parentRuns = new Map(
    entries.flatMap((entry) =>
      entry.kind === 'children' ? [[entry.parentExecutionId, entry.runId] as const] : [],
    ),
  );
  const moved: MovedExecution[] = [];
  for (const summary of summaries) {
    const entry = known.get(summary.executionId);
    if (entry) {
      if (entry.fingerprint !== fingerprintOf(summary)) moved.push({ summary, runId: entry.runId });
      continue;
    }
    const runId = summary.parentExecutionId ? parentRuns.get(summary.parentExecutionId) : undefined;
    if (runId) moved.push({ summary, runId });
  }
  return moved;
}

function chunk(values: string[]): string[][] {
  const chunks: string[][] = [];
  for (let index = 0; index < values.length; index += FILTER_VALUES_PER_CALL) {
    chunks.push(values.slice(index, index + FILTER_VALUES_PER_CALL));
  }
  return chunks;
}
