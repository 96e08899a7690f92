// Tell Slack what changed in a run: the parent message when anything moved, the reply of each child whose shown
// state changed, one broadcast notice for each child that has just failed, and the results files at its end.
import { targetKey } from '../core/organization/organization.js';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import { childPhase, isChildFinished } from '../core/run/roll-up-run.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import { recordRunEnd } from './record-run-end.js';
import type { RunContext } from './run-context.js';
import { shareRunResults } from './share-run-results.js';

/**
 * A child gets its own reply once it has ended (or could not start), or once it has been running for a while:
 * a short execution gets one post instead of a post and edits, which keeps a big run within Slack's pace.
 */
const LIVE_REPLY_AFTER_MS = 30_000;

function deservesReply(child: ChildExecution, now: Date): boolean {
  if (child.status === 'StartFailed' || (child.executionId && isChildFinished(child))) return true;
  const started = child.startedAt ? Date.parse(child.startedAt) : Number.NaN;
  return Boolean(child.executionId) && now.getTime() - started >= LIVE_REPLY_AFTER_MS;
}

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

const failed = (child: ChildExecution | undefined) =>
  child !== undefined && childPhase(child.status) === 'failed';

export async function notifyRunChanges(
  context: Pick<RunContext, 'notifier' | 'now' | 'audit' | 'approvals' | 'accounts' | 'log'>,
  before: Run,
  after: Run,
): Promise<void> {
  const earlier = new Map(before.children.map((child) => [targetKey(child), child]));
  const changed = after.children.filter(
    (child) => shownState(child) !== shownState(earlier.get(targetKey(child))),
  );
  if (changed.length === 0 && before.status === after.status) return;
  for (const child of changed) {
    if (deservesReply(child, context.now())) await context.notifier.showChild(after, child);
    if (failed(child) && !failed(earlier.get(targetKey(child))))
      await context.notifier.announceFailure(after, child);
  }
  await context.notifier.showRun(after);
  // Only the writer that moved the run to its end sees before unfinished and after finished: recorded once.
  if (!isRunFinished(before) && isRunFinished(after)) {
    await recordRunEnd(context, after);
    await shareRunResults(context, after);
  }
}
