// An approved change goes ahead: take its locks, check its calendars, then claim the start (atomic: of any
// number of concurrent callers exactly one wins) and start the run. Safe to call again at any point.

import { runIdForChange } from '../core/approval/change-id.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import { auditTargets } from '../core/audit/audit-entry.js';
import type { Run } from '../core/run/run.js';
import { applyChangeEvent } from './apply-change-event.js';
import type { RunContext } from './run-context.js';
import { startRun } from './start-run.js';
import { templateNamed } from './template-named.js';

const SYSTEM = { kind: 'system', name: 'ssm-chatops' } as const;

/**
 * How long a claimed start waits for the bot to be let into the run's channel (invited back, unarchived). Long
 * enough for someone to read the thread's note and act; short, because a claimed change holds its locks.
 */
export const CHANNEL_WAIT_MS = 60 * 60_000;

export type ProceedOutcome =
  | { kind: 'started'; run: Run }
  | { kind: 'waiting-for-lock'; heldBy: string }
  | { kind: 'held'; calendars: string[] }
  /** Approved before its window: it holds its locks (unless another change does) and waits for `startAt`. */
  | { kind: 'scheduled'; startAt: string; lockHeldBy?: string }
  /** The bot cannot post in the run's channel: the change waits, claimed, until it can or `until` passes. */
  | { kind: 'channel-unavailable'; channelId: string; reason: string; until: string }
  /** The bot still could not post in the run's channel when the wait ended: the change expired, no run. */
  | { kind: 'start-lapsed'; channelId: string }
  /** Not approved (pending, closed) or already started by someone else: nothing to do. */
  | { kind: 'nothing-to-do' };

export async function proceedWithChange(context: RunContext, changeId: string): Promise<ProceedOutcome> {
  const { approvals } = context;
  let change = await approvals.changes.get(changeId);
  if (!change) return { kind: 'nothing-to-do' };
  if (change.request.status === 'scheduled') {
    const opened = await applyChangeEvent(context, changeId, SYSTEM, {
      type: 'window-opened',
      at: context.now(),
    });
    if (opened.kind === 'refused' && opened.refusal.code === 'window-not-open') {
      return holdWindow(context, change, opened.refusal.startAt);
    }
    change = opened.kind === 'changed' ? opened.change : await approvals.changes.get(changeId);
    if (!change) return { kind: 'nothing-to-do' };
  }
  if (change.request.status === 'started') return resumeStart(context, change);
  if (change.request.status !== 'approved' && change.request.status !== 'held')
    return { kind: 'nothing-to-do' };
  const template = templateNamed(approvals, change.request.template);
  if (!template)
    throw new Error(`change ${changeId} names template ${change.request.template}, which is gone`);

  const locks = await approvals.changes.acquireLocks(changeId, change.lockKeys);
  if (locks.kind === 'held') {
    await approvals.notifier.noteInThread(change, `lock-${locks.by}`, {
      kind: 'approved-waiting-for-lock',
      holder: locks.by,
      runbook: change.run.plan.runbook.name,
    });
    return { kind: 'waiting-for-lock', heldBy: locks.by };
  }

  if (template.calendars && template.calendars.length > 0) {
    const calendar = await approvals.calendar.state(template.calendars);
    const checked = await applyChangeEvent(context, changeId, SYSTEM, {
      type: 'calendar-checked',
      ...calendar,
      at: context.now(),
    });
    const status =
      checked.kind === 'changed' ? checked.change.request : (await approvals.changes.get(changeId))?.request;
    if (status?.status === 'held') return { kind: 'held', calendars: status.calendar?.calendars ?? [] };
  }

  const runId = runIdForChange(changeId);
  const claimed = await applyChangeEvent(context, changeId, SYSTEM, {
    type: 'start',
    runId,
    at: context.now(),
  });
  if (claimed.kind !== 'changed') return { kind: 'nothing-to-do' };
  return resumeStart(context, claimed.change);
}

/**
 * A scheduled change takes its locks at once, so its window is covered: a second change on the same targets
 * waits or is refused as if this one were running. Taken again at the window (idempotent) in case another held
 * them now.
 */
async function holdWindow(
  context: RunContext,
  change: StoredChange,
  startAt: string,
): Promise<ProceedOutcome> {
  const locks = await context.approvals.changes.acquireLocks(change.request.id, change.lockKeys);
  return { kind: 'scheduled', startAt, ...(locks.kind === 'held' && { lockHeldBy: locks.by }) };
}

/**
 * Creates the run a started change claimed, unless it exists (a crash between the claim and the start).
 *
 * When the bot cannot post in the requester's channel (not invited to a private channel, removed, archived),
 * startRun creates nothing, and the change stays claimed with no run for up to CHANNEL_WAIT_MS: its thread says
 * how to fix it, and the minute sweep calls this again, so the run starts once the bot is invited. Past the
 * wait the change expires (`start-lapsed`: audited, noted, locks released), so it is never left 'started'
 * without a run. Slack being down throws instead and has no deadline: the sweep retries until Slack is back.
 */
async function resumeStart(context: RunContext, change: StoredChange): Promise<ProceedOutcome> {
  const runId = change.request.runId ?? runIdForChange(change.request.id);
  const existing = await context.runs.get(runId);
  if (existing) return { kind: 'nothing-to-do' };
  const started = await startRun(context, {
    ...change.run,
    runId,
    change: {
      id: change.request.id,
      template: change.request.template,
      approvedBy: change.request.votes.map((vote) => vote.userId),
    },
    audit: (run) => ({
      action: 'run.started',
      actor: SYSTEM,
      subject: { changeId: change.request.id, runId },
      runbook: run.runbook.name,
      targets: auditTargets(run.children),
      template: change.request.template,
      outcome: run.status,
    }),
  });
  // The click and the sweep resumed it at once, and the other recorded the run. Both reached the start's audit
  // entry, which startRun appends once per run id, so the trail shows one start.
  if (started.kind === 'already-started') return { kind: 'nothing-to-do' };
  if (started.kind === 'channel-unavailable') {
    const claimedAt = Date.parse(change.request.startedAt ?? change.request.updatedAt);
    const until = new Date(claimedAt + CHANNEL_WAIT_MS);
    if (context.now().getTime() >= until.getTime()) {
      await applyChangeEvent(context, change.request.id, SYSTEM, { type: 'start-lapsed', at: context.now() });
      return { kind: 'start-lapsed', channelId: started.channelId };
    }
    await context.approvals.notifier.noteInThread(change, 'run-channel-unavailable', {
      kind: 'run-channel-unavailable',
      channelId: started.channelId,
      until: until.toISOString(),
    });
    return { ...started, until: until.toISOString() };
  }
  const { run } = started;
  await context.approvals.notifier.noteInThread(change, 'run-started', {
    kind: 'run-started',
    runId,
    channelId: run.channelId,
  });
  return { kind: 'started', run };
}
