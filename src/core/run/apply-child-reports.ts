// Folds what AWS reported about child executions into a run, and closes the run when every child is done.
import { isChildFinished, rollUpRun } from './roll-up-run.js';
import type { ChildExecution, Run } from './run.js';

/** What one read of AWS said about one child; fields left out are unknown, not cleared. */
export type ChildReport = Pick<ChildExecution, 'accountId' | 'region' | 'status'> &
  Partial<
    Pick<ChildExecution, 'executionId' | 'startedAt' | 'endedAt' | 'failure' | 'steps' | 'currentStep'>
  >;

const TERMINAL_RUN = new Set<Run['status']>(['succeeded', 'completed-with-errors', 'failed', 'cancelled']);

export const isRunFinished = (run: Pick<Run, 'status'>): boolean => TERMINAL_RUN.has(run.status);

/**
 * Returns the run with the reports applied. A finished child's status never changes again: reports can arrive
 * late or out of order (a poll racing an event), and a final status is final. A report of the same final status
 * may still fill in what was missing (the steps read from the member account after the parent said it ended).
 * Once a finished child's steps were read in its own account, that read is the truth about it: a multi-account
 * parent's later report of the same end (its own failure message and times for the location) only fills in what
 * the child lacks, instead of replacing its message and duration and so editing its replies a moment later.
 */
export function applyChildReports(run: Run, reports: readonly ChildReport[], now: string): Run {
  if (reports.length === 0) return run;
  // By account, then region: looking up each of thousands of children costs no key string.
  const byAccount = new Map<string, Map<string, ChildReport>>();
  for (const report of reports) {
    const regions = byAccount.get(report.accountId) ?? new Map<string, ChildReport>();
    regions.set(report.region, report);
    byAccount.set(report.accountId, regions);
  }
  const children = run.children.map((child) => {
    const report = byAccount.get(child.accountId)?.get(child.region);
    if (!report) return child;
    if (!isChildFinished(child)) return { ...child, ...definedFields(report) };
    if (report.status !== child.status) return child;
    if (child.steps !== undefined && report.steps === undefined)
      return { ...definedFields(report), ...child };
    return { ...child, ...definedFields(report) };
  });
  return settleRun({ ...run, children, updatedAt: now });
}

/** Moves a running or cancelling run to its outcome once every child has finished. */
export function settleRun(run: Run): Run {
  if (isRunFinished(run)) return run;
  const rollUp = rollUpRun(run);
  if (!rollUp.finished || !rollUp.outcome) return run;
  return { ...run, status: rollUp.outcome };
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
