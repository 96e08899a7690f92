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

  it('when a child has just started, then its reply shows it running at once, with its step', async () => {
    const after = withFirstChild(running, {
      status: 'InProgress',
      executionId: 'e-1',
      startedAt: secondsAgo(5),
      currentStep: 'stopInstances',
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.runs).toHaveLength(1);
    expect(context.notifier.children.map(({ child }) => [child.status, child.currentStep])).toEqual([
      ['InProgress', 'stopInstances'],
    ]);
  });

  it('when a child is only queued for a slot, then it gets no reply yet', async () => {
    const after = withFirstChild(running, { status: 'Queued', currentStep: undefined });

    await notifyRunChanges(context, { ...running, status: 'starting' }, after);

    expect(context.notifier.runs).toHaveLength(1);
    expect(context.notifier.children).toEqual([]);
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

  it('when a run ends, then every target gets its reply, also those that never started', async () => {
    const [first, second, ...rest] = running.children;
    const before: Run = {
      ...running,
      children: [
        { ...first!, status: 'Success', executionId: 'e-1' },
        { ...second!, status: 'InProgress', executionId: 'e-2', startedAt: secondsAgo(5) },
        ...rest.map((child) => ({ ...child, status: 'Skipped' as const })),
      ],
    };
    const ended: Run = {
      ...before,
      status: 'completed-with-errors',
      children: before.children.map((child, index) =>
        index === 1 ? { ...child, status: 'Success' } : child,
      ),
    };

    await notifyRunChanges(context, before, ended);

    expect(context.notifier.children.map(({ child }) => child.status)).toEqual([
      'Success',
      'Success',
      'Skipped',
      'Skipped',
    ]);
  });
});

describe('notifyRunChanges orders what it posts together', () => {
  it('when a run ends, then its replies and failure notices go by account name and region, not report order', async () => {
    const before: Run = { ...running, children: [...running.children].reverse() };
    const ended: Run = {
      ...before,
      status: 'failed',
      children: before.children.map((child) => ({
        ...child,
        status: 'Failed',
        executionId: `e-${child.region}`,
      })),
    };

    await notifyRunChanges(context, before, ended);

    const order = [
      'payments-prod ap-northeast-1',
      'payments-prod us-east-1',
      'payments-staging ap-northeast-1',
      'payments-staging us-east-1',
    ];
    const where = (child: ChildExecution) => `${child.accountName} ${child.region}`;
    expect(context.notifier.children.map(({ child }) => where(child))).toEqual(order);
    expect(context.notifier.failures.map(({ child }) => where(child))).toEqual(order);
  });
});

describe('notifyRunChanges in a run large enough to group its thread', () => {
  // Two accounts in two regions; more than two targets group: one reply per region.
  beforeEach(() => {
    context = aRunContext({ settings: { groupRepliesAbove: 2 } });
  });

  const inRegion = (run: Run, region: string, change: Partial<ChildExecution>, status = run.status): Run => ({
    ...run,
    status,
    children: run.children.map((child) => (child.region === region ? { ...child, ...change } : child)),
  });

  it('when some accounts of a region end while others have just started, then the region waits for them', async () => {
    const after = withFirstChild(running, {
      status: 'Success',
      executionId: 'e-1',
      startedAt: secondsAgo(5),
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.groups).toEqual([]);
    expect(context.notifier.children).toEqual([]);
    expect(context.notifier.runs).toHaveLength(1);
  });

  it('when every account of a region has ended, then the region is shown once, and no reply per account', async () => {
    const after = inRegion(running, 'us-east-1', {
      status: 'Success',
      executionId: 'e',
      startedAt: secondsAgo(5),
      steps: [],
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.groups.map(({ group }) => group.key)).toEqual(['us-east-1:1']);
    expect(context.notifier.children).toEqual([]);
  });

  it('when accounts fail, then each gets its own reply and the channel gets one summary, not a notice each', async () => {
    const after = inRegion(running, 'us-east-1', {
      status: 'Failed',
      executionId: 'e',
      steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' }],
    });

    await notifyRunChanges(context, running, after);

    expect(context.notifier.children.map(({ child }) => child.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(context.notifier.failures).toEqual([]);
    expect(
      context.notifier.failureSummaries.map(({ failures }) => failures.map((group) => group.count)),
    ).toEqual([[2]]);
  });

  it('when a parent reports failures before their steps are read, then their replies wait for the steps; the summary does not', async () => {
    const reported = inRegion(running, 'us-east-1', { status: 'Failed', executionId: 'e' });
    await notifyRunChanges(context, running, reported);
    expect(context.notifier.children).toEqual([]);
    expect(context.notifier.failureSummaries).toHaveLength(1);

    const read = inRegion(reported, 'us-east-1', {
      steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' }],
    });
    await notifyRunChanges(context, reported, read);
    expect(context.notifier.children.map(({ child }) => child.steps?.[0]?.name)).toEqual([
      'stopInstances',
      'stopInstances',
    ]);
  });

  it('when a failed child never started anywhere, then its reply does not wait for steps', async () => {
    const after = withFirstChild(running, {
      status: 'Failed',
      failure: { reason: 'NotStarted', message: 'The role could not be assumed' },
    });
    await notifyRunChanges(context, running, after);
    expect(context.notifier.children).toHaveLength(1);
  });

  it('when the run ends, then every region is shown and the summary is given its final state', async () => {
    const failing = inRegion(running, 'us-east-1', { status: 'Failed', executionId: 'e' });
    const ended = inRegion(failing, 'ap-northeast-1', { status: 'Skipped' }, 'completed-with-errors');

    await notifyRunChanges(context, failing, ended);

    expect(context.notifier.groups.map(({ group }) => group.key)).toEqual([
      'ap-northeast-1:1',
      'us-east-1:1',
    ]);
    expect(context.notifier.failureSummaries.map(({ runStatus }) => runStatus)).toEqual([
      'completed-with-errors',
    ]);
    // Failures whose steps never came are shown at the end with what is known.
    expect(context.notifier.children.map(({ child }) => child.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(await context.audit.timeline(running.id)).toHaveLength(1);
  });
});
