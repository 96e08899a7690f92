// Keep Slack in step with a run: the parent message when the run moved, one thread reply per child that
// started (or failed to), edited when that child moves. Message `ts`s are recorded on the run.
import { targetKey } from '../core/organization/organization.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import type { RunContext } from './run-context.js';

/** A child gets its own reply once AWS knows it, or once starting it failed. */
const deservesReply = (child: ChildExecution) => Boolean(child.executionId) || child.status === 'StartFailed';

const shownState = (child: ChildExecution | undefined) =>
  child && JSON.stringify([child.status, child.executionId, child.failure, child.endedAt]);

export async function syncRunToSlack(
  context: Pick<RunContext, 'runs' | 'notifier'>,
  before: Run,
  after: Run,
): Promise<Run> {
  let run = after;
  if (!run.slack.parentTs) {
    const parentTs = await context.notifier.postRunMessage(run);
    run = await record(context, run, (latest) => ({ ...latest, slack: { ...latest.slack, parentTs } }));
  } else if (
    run.status !== before.status ||
    JSON.stringify(run.children) !== JSON.stringify(before.children)
  ) {
    await context.notifier.updateRunMessage(run);
  }

  const earlier = new Map(before.children.map((child) => [targetKey(child), child]));
  const replies: Array<{ key: string; replyTs: string }> = [];
  for (const child of run.children) {
    if (!deservesReply(child)) continue;
    if (!child.replyTs) {
      replies.push({ key: targetKey(child), replyTs: await context.notifier.postChildReply(run, child) });
    } else if (shownState(child) !== shownState(earlier.get(targetKey(child)))) {
      await context.notifier.updateChildReply(run, child);
    }
  }
  if (replies.length === 0) return run;
  const byKey = new Map(replies.map((reply) => [reply.key, reply.replyTs]));
  return record(context, run, (latest) => ({
    ...latest,
    children: latest.children.map((child) =>
      byKey.has(targetKey(child)) ? { ...child, replyTs: byKey.get(targetKey(child)) } : child,
    ),
  }));
}

async function record(context: Pick<RunContext, 'runs'>, run: Run, change: (run: Run) => Run): Promise<Run> {
  return (await context.runs.update(run.id, change)) ?? run;
}
