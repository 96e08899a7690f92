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
  /**
   * 0..1: finished children, plus for each running child the share of its runbook's steps before its current
   * one (when the run knows the runbook's steps), over the total; so a run of long children moves as they do.
   */
  progress: number;
  /** Every child has finished. */
  finished: boolean;
  /** What the run's status becomes when every child has finished. */
  outcome?: Extract<RunStatus, 'succeeded' | 'completed-with-errors' | 'failed' | 'cancelled'>;
}

/** Every phase at 0: where counts by phase start. */
export const noChildrenByPhase = (): Record<ChildPhase, number> => ({
  queued: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
});

export function rollUpRun(
  run: Pick<Run, 'children' | 'status'> & { runbook?: Pick<Run['runbook'], 'steps'> },
): RunRollUp {
  const { children } = run;
  const counts = noChildrenByPhase();
  // Indexed loops: a worker rolls up a run of thousands of children several times per poll, and the sampling
  // profile of bench:scale had for-of here allocating iterator results over the store's (frozen) arrays: 12 % of
  // all the worker allocated.
  for (let index = 0; index < children.length; index++) counts[childPhase(children[index]!.status)]++;
  const total = children.length;
  const done = counts.succeeded + counts.failed + counts.cancelled + counts.skipped;
  const finished = total > 0 && done === total;
  const steps = runbookSteps(run);
  let partly = 0;
  for (let index = 0; index < children.length; index++) partly += stepsDone(children[index]!, steps);
  return {
    total,
    counts,
    progress: total === 0 ? 0 : (done + partly) / total,
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

/**
 * The runbook's steps in order: as the start read them, else as SSM listed them for a child that succeeded (every
 * step of a successful execution ran, so its list is the runbook's path), else unknown.
 */
export function runbookSteps(
  run: Pick<Run, 'children'> & { runbook?: Pick<Run['runbook'], 'steps'> },
): readonly string[] | undefined {
  if (run.runbook?.steps?.length) return run.runbook.steps;
  const done = run.children.find((child) => childPhase(child.status) === 'succeeded' && child.steps?.length);
  return done?.steps?.map((step) => step.name);
}

/** The share of the runbook's steps a running child has done: those before the step it is at. */
function stepsDone(child: ChildExecution, steps: readonly string[] | undefined): number {
  if (!steps?.length || !child.currentStep || childPhase(child.status) !== 'running') return 0;
  const at = steps.indexOf(child.currentStep);
  return at < 0 ? 0 : at / steps.length;
}
