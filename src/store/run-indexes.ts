// What both run stores index a run by — its execution ids and its creation time — and the rule that keeps them true.
import type { Run } from '../core/run/run.js';

/** The parent execution id and every child's, as far as they are known. */
export function executionIdsOf(run: Run): string[] {
  const ids = run.children.flatMap((child) => (child.executionId ? [child.executionId] : []));
  return run.parentExecutionId ? [run.parentExecutionId, ...ids] : ids;
}

/**
 * Execution ids `after` has that `before` did not: the only index entries an update has to write. A child kept
 * as the same object cannot have gained one, so a poll that moves one child of 3,000 looks at one child (a
 * profile of bench:scale had the whole-run version at 3 % of a worker's time).
 */
export function addedExecutionIds(before: Run, after: Run): string[] {
  const added = new Set<string>();
  if (after.parentExecutionId && after.parentExecutionId !== before.parentExecutionId)
    added.add(after.parentExecutionId);
  after.children.forEach((child, index) => {
    const earlier = before.children[index];
    // Compared in place: children keep their order, and an id an update merely moved is only indexed again.
    if (child !== earlier && child.executionId && child.executionId !== earlier?.executionId)
      added.add(child.executionId);
  });
  return [...added];
}

/** The "recent runs" order: `createdAt` in ms. A run without a parseable time is a fault in the caller. */
export function recentScore(run: Run): number {
  const ms = Date.parse(run.createdAt);
  if (Number.isNaN(ms))
    throw new Error(`run ${run.id}: createdAt ${JSON.stringify(run.createdAt)} is not a time`);
  return ms;
}

/** The id names the record and `createdAt` places it in the recent list, so a change may not alter either. */
export function assertSameIdentity(before: Run, after: Run): void {
  if (after.id !== before.id) {
    throw new Error(`run ${before.id}: an update may not change the id (to ${JSON.stringify(after.id)})`);
  }
  if (after.createdAt !== before.createdAt) {
    throw new Error(
      `run ${before.id}: an update may not change createdAt (to ${JSON.stringify(after.createdAt)})`,
    );
  }
}
