// Tell Slack what changed in a run. A small run: the reply of each child whose shown state changed and one
// broadcast notice per child that has just failed. A large run (`threadLayout`): the grouped replies whose
// accounts moved, a reply per failed child, and one failure summary. Then the parent, whenever anything moved,
// and the results files once the run has ended.
import { sameTarget, targetKey } from '../core/organization/organization.js';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import {
  byTarget,
  DEFAULT_GROUP_REPLIES_ABOVE,
  deservesGroupReply,
  deservesReply,
  hasFailed,
  stepsKnown,
  summariseFailures,
  threadLayout,
} from '../core/run/thread-layout.js';
import { recordRunEnd } from './record-run-end.js';
import type { RunContext } from './run-context.js';
import { shareRunResults } from './share-run-results.js';

const shownState = (child: ChildExecution | undefined) =>
  child &&
  JSON.stringify([
    child.status,
    child.executionId,
    child.failure,
    child.endedAt,
    child.steps,
    child.currentStep,
  ]);

export async function notifyRunChanges(
  context: Pick<RunContext, 'notifier' | 'now' | 'audit' | 'approvals' | 'settings' | 'accounts' | 'log'>,
  before: Run,
  after: Run,
): Promise<void> {
  const earlier = earlierChildren(before);
  // A child kept as the same object (the store and applyChildReports keep what they do not change) has not
  // changed: only the others are serialized and compared.
  const changed = after.children.filter((child, index) => {
    if (child === before.children[index]) return false;
    return shownState(child) !== shownState(earlier(child, index));
  });
  if (changed.length === 0 && before.status === after.status) return;
  // Only the writer that moved the run to its end sees before unfinished and after finished.
  const ending = !isRunFinished(before) && isRunFinished(after);
  const now = context.now();
  const { notifier } = context;
  const layout = threadLayout(after, context.settings.groupRepliesAbove ?? DEFAULT_GROUP_REPLIES_ABOVE);

  if (layout.kind === 'per-target') {
    // At its end a run shows every target, also those that never started (skipped, cancelled, refused).
    // Replies are posted as their targets get going, so a thread cannot be sorted; what is posted together is
    // posted in the order people read targets (account name, then region), not the order SSM reported them.
    const replies = (ending ? after.children : changed.filter(deservesReply)).toSorted(byTarget);
    for (const child of replies) await notifier.showChild(after, child);
    for (const child of changed.toSorted(byTarget)) {
      if (hasFailed(child) && !hasFailed(earlier(child, after.children.indexOf(child))))
        await notifier.announceFailure(after, child);
    }
  } else {
    // The layout's groups hold the run's own child objects: a changed child is found by identity.
    const moved = new Set(changed);
    for (const group of layout.groups) {
      const touched = group.children.some((child) => moved.has(child));
      if (ending || (touched && deservesGroupReply(group, now))) await notifier.showGroup(after, group);
    }
    // Every failure keeps its own reply (its step and message), posted once its steps are read; the summary is
    // kept current, its causes sharpening as the member accounts' steps are known.
    const failedNow = changed.filter(hasFailed);
    const failureReplies = (
      ending ? after.children.filter(hasFailed) : failedNow.filter(stepsKnown)
    ).toSorted(byTarget);
    for (const child of failureReplies) await notifier.showChild(after, child);
    if (failedNow.length > 0 || (ending && after.children.some(hasFailed))) {
      await notifier.showFailureSummary(after, summariseFailures(after));
    }
  }
  await notifier.showRun(after);
  if (ending) {
    await recordRunEnd(context, after);
    await shareRunResults(context, after);
  }
}

/**
 * The child of the same target before the change. A run's children keep their order for its whole life, so it
 * is at the same index; a map by target is built only if it is not (a run of 3,000 children is compared on
 * every change a poll finds, and a map per comparison was a tenth of what a worker allocated).
 */
function earlierChildren(before: Run) {
  let byTarget: Map<string, ChildExecution> | undefined;
  return (child: ChildExecution, index: number): ChildExecution | undefined => {
    const same = before.children[index];
    if (same && sameTarget(same, child)) return same;
    byTarget ??= new Map(before.children.map((earlier) => [targetKey(earlier), earlier]));
    return byTarget.get(targetKey(child));
  };
}
