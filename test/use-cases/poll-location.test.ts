// pollLocation against the real SSM adapters and the sandbox: what a poll reads, what it folds into the run,
// what it stops following, and when it asks to look again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import { pollLocation } from '../../src/use-cases/poll-location.js';
import { startChildren } from '../../src/use-cases/start-children.js';
import { aRun } from '../support/builders.js';
import { aRunContext, START, type TestRunContext } from '../support/run-context-builder.js';
import { type SandboxAws, startSandboxAws } from '../support/sandbox-aws.js';

const TOKYO = 'ap-northeast-1';
const HOME = { accountId: '222222222222', region: TOKYO };
const PAYMENTS = { accountId: '333333333301', region: TOKYO };
const STAGING = { accountId: '444444444401', region: TOKYO };

let aws: SandboxAws;
let context: TestRunContext;
beforeAll(async () => {
  aws = await startSandboxAws();
});
afterAll(() => aws.close());
beforeEach(async () => {
  await aws.reset();
  context = aRunContext(aws.adapters);
});

const child = (place: { accountId: string; region: string }, status: ChildExecution['status']) => ({
  ...place,
  accountName: place.accountId === PAYMENTS.accountId ? 'payments-prod' : 'payments-staging',
  status,
});

/** A run over the given places (Tokyo only), started by the starter as the worker would. */
async function startedRun(
  mode: Run['mode'],
  places: Array<{ accountId: string; region: string }>,
  overrides: Partial<Run> = {},
): Promise<Run> {
  const children = places.map((place) => child(place, mode === 'fan-out' ? 'Queued' : 'Pending'));
  const accounts = children.map(({ accountId, accountName }) => ({ id: accountId, name: accountName }));
  const run = aRun({
    mode,
    targets: { ...aRun().targets, accounts, regions: [TOKYO] },
    children,
    ...overrides,
  });
  await context.runs.create(run);
  await startChildren(context, run.id);
  context.scheduler.clear();
  context.notifier.clear();
  return run;
}

async function stored(id: string): Promise<Run> {
  const found = await context.runs.get(id);
  if (!found) throw new Error(`run ${id} is not stored`);
  return found;
}

describe('a place with fan-out children', () => {
  it('when nothing is followed there, then no AWS call is made and no poll is due', async () => {
    expect(await pollLocation(context, PAYMENTS)).toEqual({ calls: 0 });
  });

  it('when nothing moved, then the run is not written and the next poll backs off', async () => {
    const run = await startedRun('fan-out', [PAYMENTS]);
    const before = await stored(run.id);

    expect(await pollLocation(context, PAYMENTS, 5_000)).toEqual({ nextDelayMs: 10_000, calls: 1 });

    expect(await stored(run.id)).toEqual(before);
    expect(context.notifier.runs).toEqual([]);
  });

  it('when a child runs, then the run records its step and the place is polled again soon', async () => {
    const run = await startedRun('fan-out', [PAYMENTS]);
    await aws.advance(1);

    expect(await pollLocation(context, PAYMENTS, 40_000)).toEqual({ nextDelayMs: 5_000, calls: 1 });

    expect((await stored(run.id)).children[0]).toMatchObject({
      status: 'InProgress',
      currentStep: 'stopInstances',
    });
    expect(await context.tracker.entries(PAYMENTS)).toHaveLength(1);
  });

  it('when a child ends, then its steps are read, the run ends, and the child is no longer followed', async () => {
    const run = await startedRun('fan-out', [PAYMENTS]);
    await aws.sandbox.control.settle();

    const outcome = await pollLocation(context, PAYMENTS);

    expect(outcome.calls).toBe(2);
    const after = await stored(run.id);
    expect(after.status).toBe('succeeded');
    expect(after.children[0]?.status).toBe('Success');
    expect(after.children[0]?.steps?.map((step) => step.name)).toEqual(['stopInstances', 'startInstances']);
    expect(await context.tracker.entries(PAYMENTS)).toEqual([]);
    expect(context.notifier.shownStatuses().at(-1)).toBe('succeeded');
    expect(context.notifier.children.map(({ child }) => child.status)).toEqual(['Success']);
  });

  it('when a child fails, then its failure is recorded and announced once', async () => {
    await aws.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: PAYMENTS.accountId,
      message: 'Instance i-0a1b2c3d4e5f60718 did not start.',
    });
    const run = await startedRun('fan-out', [PAYMENTS, STAGING], {
      maxErrors: { kind: 'count', value: 1 },
    });
    await aws.sandbox.control.settle();

    await pollLocation(context, PAYMENTS);
    await pollLocation(context, PAYMENTS);

    const failed = (await stored(run.id)).children[0];
    expect(failed?.status).toBe('Failed');
    expect(failed?.failure?.message).toContain('did not start');
    expect(context.notifier.failures.map(({ child }) => child.accountId)).toEqual([PAYMENTS.accountId]);
  });

  it('when a child ends while others wait for room, then the starter is asked to start the next', async () => {
    const run = await startedRun('fan-out', [PAYMENTS, STAGING], {
      concurrency: { kind: 'count', value: 1 },
    });
    await aws.sandbox.control.settle();

    await pollLocation(context, PAYMENTS);

    expect(context.scheduler.starts).toEqual([{ runId: run.id }]);
    expect((await stored(run.id)).children.map((c) => c.status)).toEqual(['Success', 'Queued']);
  });

  it('when the place refuses the read role, then the run is left as it is, the child is still followed, and the refusal is logged', async () => {
    const run = await startedRun('fan-out', [PAYMENTS]);
    const before = await stored(run.id);
    await aws.sandbox.control.settle();
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'DescribeAutomationExecutions',
      accountId: PAYMENTS.accountId,
      errorCode: 'AccessDeniedException',
    });

    await pollLocation(context, PAYMENTS);

    expect(await stored(run.id)).toEqual(before);
    expect(await context.tracker.entries(PAYMENTS)).toHaveLength(1);
    expect(context.log.lines.filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({ ...PAYMENTS, reason: 'AccessDeniedException' }),
      }),
    ]);
  });
});

describe('a multi-account run', () => {
  it('when its parent ends, then the run ends from the parent’s steps and the places that moved are polled', async () => {
    const run = await startedRun('multi-account', [PAYMENTS]);
    await aws.sandbox.control.settle();

    await pollLocation(context, HOME);

    const after = await stored(run.id);
    expect(after.status).toBe('succeeded');
    expect(after.children[0]?.status).toBe('Success');
    expect(context.scheduler.polls).toEqual([{ location: PAYMENTS }]);
    expect(await context.tracker.entries(HOME)).toEqual([]);
  });

  it('when GetAutomationExecution truncates the parent’s steps, then the rest are read page by page and every place ends', async () => {
    await aws.sandbox.control.reset({
      startTime: START.toISOString(),
      automationQuota: { stepExecutionsShown: 1 },
    });
    const run = await startedRun('multi-account', [PAYMENTS, STAGING]);
    await aws.sandbox.control.settle();

    await pollLocation(context, HOME);

    const after = await stored(run.id);
    // Read from the first step alone, the second place would end as never started (Failed).
    expect(after.children.map((ended) => ended.status)).toEqual(['Success', 'Success']);
    expect(after.status).toBe('succeeded');
    expect(aws.world().calls.report().byOperation['ssm:DescribeAutomationStepExecutions']).toBe(1);
  });

  it('when a member place is polled after the parent ended, then the child’s steps are read there and it is let go', async () => {
    const run = await startedRun('multi-account', [PAYMENTS]);
    await aws.sandbox.control.settle();
    await pollLocation(context, HOME);

    await pollLocation(context, PAYMENTS);

    const [member] = aws.executions(PAYMENTS.accountId, TOKYO);
    expect((await stored(run.id)).children[0]).toMatchObject({
      status: 'Success',
      executionId: member?.id,
      steps: [
        expect.objectContaining({ name: 'stopInstances' }),
        expect.objectContaining({ name: 'startInstances' }),
      ],
    });
    expect(await context.tracker.entries(PAYMENTS)).toEqual([]);
  });

  it('when a member place refuses the read role after the run ended, then it is let go without its steps', async () => {
    const run = await startedRun('multi-account', [PAYMENTS]);
    await aws.sandbox.control.settle();
    await pollLocation(context, HOME);
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'DescribeAutomationExecutions',
      accountId: PAYMENTS.accountId,
      errorCode: 'AccessDeniedException',
    });

    await pollLocation(context, PAYMENTS);

    expect((await stored(run.id)).children[0]?.steps).toBeUndefined();
    expect(await context.tracker.entries(PAYMENTS)).toEqual([]);
  });

  it('when only the parent’s children are followed at a place and nothing moved, then it is polled slowly', async () => {
    await startedRun('multi-account', [PAYMENTS]);

    expect(await pollLocation(context, PAYMENTS, 5_000)).toMatchObject({ nextDelayMs: 60_000 });
  });
});
