// A run without its children: what a listing of runs needs, read without the thousands of children a large run has.
import { type ChildPhase, childPhase, noChildrenByPhase } from './roll-up-run.js';
import type { ChildExecution, ChildStatus, Run } from './run.js';

/** A run as listings show it: everything but its children, and how many of them are in each status. */
export type RunOverview = Omit<Run, 'children'> & {
  childCounts: Readonly<Partial<Record<ChildStatus, number>>>;
};

export function countByStatus(children: readonly ChildExecution[]): Partial<Record<ChildStatus, number>> {
  const counts: Partial<Record<ChildStatus, number>> = {};
  // Indexed, as in rollUpRun: for-of over the store's frozen arrays allocates per child.
  for (let index = 0; index < children.length; index++) {
    const { status } = children[index]!;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

export function overviewOf(run: Run): RunOverview {
  const { children, ...rest } = run;
  return { ...rest, childCounts: countByStatus(children) };
}

/** Children by phase (as `rollUpRun` counts them), from counts by status. */
export function countByPhase(childCounts: RunOverview['childCounts']): Record<ChildPhase, number> {
  const counts = noChildrenByPhase();
  for (const [status, count] of Object.entries(childCounts) as Array<[ChildStatus, number]>) {
    counts[childPhase(status)] += count;
  }
  return counts;
}
