// notifyRunChanges: what Slack is asked to show when a run moves, and that a run's end is recorded once.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import { notifyRunChanges } from '../../src/use-cases/notify-run-changes.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

const running = aRun({ mode: 'fan-out', status: 'running' });

/** `run` with its first child replaced by `change` applied to it. */
function withFirstChild(run: Run, change: Partial<ChildExecution>, status: Run['status'] = run.status): Run {
  const [first, ...rest] = run.children;
  return { ...run, status, children: [{ ...first!, ...change }, ...rest] };
}

const secondsAgo = (seconds: number) => new Date(context.now().getTime() - seconds * 1000).toISOString();

describe('notifyRunChanges', () => {
  it('when nothing shown changed, then Slack is asked for nothing', async () => {
    await notifyRunChanges(context, running, { ...running, updatedAt: '2026-06-02T02:00:00.000Z' });

    expect(context.notifier.runs).toEqual([]);
    expect(context.notifier.children).toEqual([]);
  });

  it('when a child has just started, then only the parent message is updated', async () => {
    const after = withFirstChild(running, {
      status: 'InProgress',
      executionId: 'e-1',
      startedAt: secondsAgo(5),
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.runs).toHaveLength(1);
    expect(context.notifier.children).toEqual([]);
  });

  it('when a child has been running for a while, then it gets its own reply', async () => {
    const after = withFirstChild(running, {
      status: 'InProgress',
      executionId: 'e-1',
      startedAt: secondsAgo(31),
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.children.map(({ child }) => child.status)).toEqual(['InProgress']);
  });

  it('when a child ends well, then it gets its reply and no failure notice', async () => {
    const after = withFirstChild(running, {
      status: 'Success',
      executionId: 'e-1',
      startedAt: secondsAgo(5),
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.children.map(({ child }) => child.status)).toEqual(['Success']);
    expect(context.notifier.failures).toEqual([]);
  });

  it.each([
    ['fails', { status: 'Failed', executionId: 'e-1' }],
    ['cannot start', { status: 'StartFailed', failure: { reason: 'AccessDenied', message: 'no role' } }],
  ] as const)('when a child %s, then it gets its reply and one failure notice', async (_, change) => {
    const after = withFirstChild(running, change);

    await notifyRunChanges(context, running, after);

    expect(context.notifier.children.map(({ child }) => child.status)).toEqual([change.status]);
    expect(context.notifier.failures.map(({ child }) => child.accountId)).toEqual(['333333333301']);
  });

  it('when a failed child only gains its steps, then its reply is updated but the failure is not announced again', async () => {
    const failed = withFirstChild(running, { status: 'Failed', executionId: 'e-1' });
    const withSteps = withFirstChild(failed, {
      steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' }],
    });

    await notifyRunChanges(context, failed, withSteps);

    expect(context.notifier.children).toHaveLength(1);
    expect(context.notifier.failures).toEqual([]);
  });

  it('when only the run’s status changes, then only the parent message is updated', async () => {
    await notifyRunChanges(context, running, { ...running, status: 'cancelling' });

    expect(context.notifier.shownStatuses()).toEqual(['cancelling']);
    expect(context.notifier.children).toEqual([]);
  });

  it('when the run ends, then its end is recorded in the audit trail, once', async () => {
    const ended = { ...running, status: 'succeeded' as const };

    await notifyRunChanges(context, running, ended);
    await notifyRunChanges(context, ended, { ...ended, updatedAt: '2026-06-02T02:00:00.000Z' });
    await notifyRunChanges(context, ended, withFirstChild(ended, { steps: [] }));

    expect(await context.audit.timeline(running.id)).toHaveLength(1);
    expect(context.notifier.shownStatuses()).toEqual(['succeeded', 'succeeded']);
  });

  it('when the run is still going, then nothing is recorded in the audit trail', async () => {
    await notifyRunChanges(
      context,
      running,
      withFirstChild(running, { status: 'Success', executionId: 'e' }),
    );

    expect(await context.audit.timeline(running.id)).toEqual([]);
  });
});
