// Tell Slack what changed in a run: the parent message when anything moved, the reply of each child whose shown
// state changed, and one broadcast notice for each child that has just failed.
import { targetKey } from '../core/organization/organization.js';
import { childPhase } from '../core/run/roll-up-run.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import type { RunContext } from './run-context.js';

/** A child gets its own reply once AWS knows it, or once starting it failed. */
const deservesReply = (child: ChildExecution) => Boolean(child.executionId) || child.status === 'StartFailed';

const shownState = (child: ChildExecution | undefined) =>
  child && JSON.stringify([child.status, child.executionId, child.failure, child.endedAt, child.steps]);

const failed = (child: ChildExecution | undefined) =>
  child !== undefined && childPhase(child.status) === 'failed';

export async function notifyRunChanges(
  context: Pick<RunContext, 'notifier'>,
  before: Run,
  after: Run,
): Promise<void> {
  const earlier = new Map(before.children.map((child) => [targetKey(child), child]));
  const changed = after.children.filter(
    (child) => shownState(child) !== shownState(earlier.get(targetKey(child))),
  );
  if (changed.length === 0 && before.status === after.status) return;
  for (const child of changed) {
    if (deservesReply(child)) await context.notifier.showChild(after, child);
    if (failed(child) && !failed(earlier.get(targetKey(child))))
      await context.notifier.announceFailure(after, child);
  }
  await context.notifier.showRun(after);
}
