// "Retry failed" and "Run again" from a run's thread: a new run request made as the person who clicked, linked
// to the original run both ways.

import { audienceOfRun } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import type { RetryNote } from '../core/run/retry-note.js';
import { type RetryKind, retryRequestOf } from '../core/run/retry-request.js';
import type { Requester, Run } from '../core/run/run.js';
import { type RequestRunResult, requestRun } from './request-run.js';
import type { RunContext } from './run-context.js';
import { visibleTo } from './visible-to.js';

export type ActOnRunResult =
  | { kind: 'not-found'; id: string }
  | { kind: 'nothing-to-retry'; run: Run }
  /** What `/ssm run` would have answered the clicker: started, change requested, denied, invalid … */
  | { kind: 'requested'; original: Run; result: RequestRunResult };

/**
 * The request is the clicker's, not the original requester's: the policy is asked for the clicker, a governed
 * retry becomes their change request, and the audit entry of the request (`run.requested` or
 * `change.requested`) names them as actor and the original as `details.retryOf`. The new run posts in the
 * original's channel, where the click was made, so both threads sit side by side.
 *
 * Only a request that made something (a run, a change) is told in the original's thread; a refusal is the
 * clicker's alone.
 */
export async function actOnRun(
  context: RunContext,
  click: { runId: string; kind: RetryKind; subject: Subject; requester: Requester },
): Promise<ActOnRunResult> {
  const { runId, kind, subject } = click;
  const original = await context.runs.get(runId);
  if (!original) return { kind: 'not-found', id: runId };
  // Like cancel and status: whoever may not see the run is told what an unknown id gets.
  const [visible] = await visibleTo(context, subject, [audienceOfRun(original, context.approvals.templates)]);
  if (!visible) return { kind: 'not-found', id: runId };

  const retry = retryRequestOf(original, kind);
  if (retry.kind === 'nothing-to-retry') return retry;
  // Links both ways where Slack says where the messages are; without one, the run ids still name each other.
  const originLink = await context.notifier.messageLink(original.id);
  const result = await requestRun(
    context,
    { ...retry.request, dryRun: false },
    { requester: click.requester, subject, channelId: original.channelId },
    { origin: { ...retry.origin, ...(originLink && { permalink: originLink }) } },
  );
  const next = await withLink(context, nextOf(result));
  if (next) {
    await context.notifier.noteRetry(original, {
      userId: click.requester.userId,
      kind,
      targets: retry.targets,
      next,
    });
  }
  return { kind: 'requested', original, result };
}

/** The new run's permalink, once its message is posted (a message still in the outbox has none yet). */
async function withLink(
  context: RunContext,
  next: RetryNote['next'] | undefined,
): Promise<RetryNote['next'] | undefined> {
  if (next?.kind !== 'run') return next;
  const permalink = await context.notifier.messageLink(next.runId);
  return permalink ? { ...next, permalink } : next;
}

function nextOf(result: RequestRunResult): RetryNote['next'] | undefined {
  if (result.kind === 'started') return { kind: 'run', runId: result.run.id };
  if (result.kind === 'change-requested') {
    const { request } = result.change;
    // A standard change starts at once: the thread points at the run itself.
    if (request.runId && request.status === 'started') return { kind: 'run', runId: request.runId };
    return { kind: 'change', changeId: request.id, status: request.status };
  }
  return undefined;
}
