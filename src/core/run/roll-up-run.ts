// Status roll-up of a run from its children: counts per state, progress, and the outcome once all are done.
import type { ChildExecution, ChildStatus, Run, RunStatus } from './run.js';

export type ChildPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

const PHASES: Record<ChildStatus, ChildPhase> = {
  Queued: 'queued',
  Pending: 'queued',
  Scheduled: 'queued',
  PendingApproval: 'running',
  Approved: 'running',
  PendingChangeCalendarOverride: 'running',
  ChangeCalendarOverrideApproved: 'running',
  InProgress: 'running',
  RunbookInProgress: 'running',
  Waiting: 'running',
  Cancelling: 'running',
  Success: 'succeeded',
  CompletedWithSuccess: 'succeeded',
  Failed: 'failed',
  TimedOut: 'failed',
  CompletedWithFailure: 'failed',
  StartFailed: 'failed',
  Rejected: 'failed',
  ChangeCalendarOverrideRejected: 'failed',
  Cancelled: 'cancelled',
  Exited: 'cancelled',
  Skipped: 'skipped',
};

export const childPhase = (status: ChildStatus): ChildPhase => PHASES[status];

export const isChildFinished = (child: Pick<ChildExecution, 'status'>): boolean => {
  const phase = childPhase(child.status);
  return phase !== 'queued' && phase !== 'running';
};

export interface RunRollUp {
  total: number;
  counts: Record<ChildPhase, number>;
  /** Finished children / total, 0..1. */
  progress: number;
  /** Every child has finished. */
  finished: boolean;
  /** What the run's status becomes when every child has finished. */
  outcome?: Extract<RunStatus, 'succeeded' | 'completed-with-errors' | 'failed' | 'cancelled'>;
}

export function rollUpRun(run: Pick<Run, 'children' | 'status'>): RunRollUp {
  const counts: Record<ChildPhase, number> = {
    queued: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
  };
  for (const child of run.children) counts[childPhase(child.status)]++;
  const total = run.children.length;
  const done = counts.succeeded + counts.failed + counts.cancelled + counts.skipped;
  const finished = total > 0 && done === total;
  return {
    total,
    counts,
    progress: total === 0 ? 0 : done / total,
    finished,
    outcome: finished ? outcomeOf(run, counts) : undefined,
  };
}

function outcomeOf(run: Pick<Run, 'status'>, counts: Record<ChildPhase, number>): RunRollUp['outcome'] {
  if (run.status === 'cancelling' || run.status === 'cancelled') return 'cancelled';
  if (counts.failed === 0 && counts.cancelled === 0 && counts.skipped === 0) return 'succeeded';
  if (counts.succeeded === 0) return counts.failed > 0 ? 'failed' : 'cancelled';
  return 'completed-with-errors';
}
