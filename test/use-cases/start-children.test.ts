// startChildren against the real SSM/STS adapters and the sandbox: what starts in AWS, what the run records,
// what is tracked and polled, and what a retry or a refusal does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChildStatus, Run } from '../../src/core/run/run.js';
import { startChildren } from '../../src/use-cases/start-children.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { type SandboxAws, startSandboxAws } from '../support/sandbox-aws.js';

const HOME = '222222222222';
const TOKYO = 'ap-northeast-1';
const VIRGINIA = 'us-east-1';
/** No SsmChatOpsExecution role there (fixtures/sandbox/organization.yml): fan-out starts are refused. */
const NO_FAN_OUT_ROLE = { id: '444444444402', name: 'identity-staging' };

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

/** aRun's two payments accounts × Tokyo and Virginia, fanned out by the bot, every child queued. */
function aFanOutRun(overrides: Partial<Run> = {}): Run {
  const run = aRun({ mode: 'fan-out', ...overrides });
  return {
    ...run,
    children: overrides.children ?? run.children.map((child) => ({ ...child, status: 'Queued' })),
  };
}

async function stored(run: Run): Promise<Run> {
  const found = await context.runs.get(run.id);
  if (!found) throw new Error(`run ${run.id} is not stored`);
  return found;
}

const statuses = (run: Run): ChildStatus[] => run.children.map((child) => child.status);

describe('a multi-account run', () => {
  it('when it starts, then one execution with every target location starts at home and the run follows it', async () => {
    const run = aRun();
    await context.runs.create(run);

    expect(await startChildren(context, run.id)).toEqual({});

    const [parent, ...others] = aws.executions(HOME, TOKYO);
    expect(others).toEqual([]);
    expect(parent?.documentName).toBe('AWS-RestartEC2Instance');
    expect(parent?.targetLocations?.[0]).toMatchObject({
      Accounts: ['333333333301', '444444444401'],
      Regions: [TOKYO, VIRGINIA],
      ExecutionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
    });
    expect(parent?.parameters.AutomationAssumeRole).toEqual([
      `arn:aws:iam::${HOME}:role/AWS-SystemsManager-AutomationAdministrationRole`,
    ]);
    const after = await stored(run);
    expect(after).toMatchObject({ status: 'running', parentExecutionId: parent?.id });
    expect(await context.tracker.entries({ accountId: HOME, region: TOKYO })).toEqual([
      { kind: 'execution', executionId: parent?.id, runId: run.id, parent: true },
    ]);
    expect(await context.tracker.entries({ accountId: '333333333301', region: VIRGINIA })).toEqual([
      { kind: 'children', parentExecutionId: parent?.id, runId: run.id },
    ]);
    // Home now; member places slowly, until the parent says something moved there.
    expect(context.scheduler.polls[0]).toEqual({ location: { accountId: HOME, region: TOKYO } });
    expect(context.scheduler.polls.slice(1)).toHaveLength(4);
    expect(context.scheduler.polls.slice(1).every((poll) => poll.delayMs === 60_000)).toBe(true);
  });

  it('when the start is retried after a crash, then nothing starts twice and the parent is still followed', async () => {
    const run = aRun();
    await context.runs.create(run);
    await startChildren(context, run.id);
    const first = aws.executions(HOME, TOKYO);
    await context.tracker.untrack({ accountId: HOME, region: TOKYO }, [`e:${first[0]?.id}`]);

    await startChildren(context, run.id);

    expect(aws.executions(HOME, TOKYO)).toHaveLength(1);
    expect(await context.tracker.find(first[0]!.id)).toBeDefined();
  });

  it('when AWS refuses the start, then every child failed to start and nothing is followed', async () => {
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'StartAutomationExecution',
      errorCode: 'AccessDeniedException',
    });
    const run = aRun();
    await context.runs.create(run);

    await startChildren(context, run.id);

    const after = await stored(run);
    expect(after.status).toBe('failed');
    expect(statuses(after)).toEqual(['StartFailed', 'StartFailed', 'StartFailed', 'StartFailed']);
    expect(after.children[0]?.failure?.reason).toBe('AccessDeniedException');
    expect(await context.tracker.locations()).toEqual([]);
    expect(context.notifier.failures).toHaveLength(4);
  });

  it('when it was cancelled before it started, then its children end cancelled and nothing starts', async () => {
    const run = aRun({ status: 'cancelling' });
    await context.runs.create(run);

    await startChildren(context, run.id);

    expect(aws.executions(HOME, TOKYO)).toEqual([]);
    expect((await stored(run)).status).toBe('cancelled');
  });
});

describe('a fan-out run', () => {
  it('when its concurrency allows one at a time, then one child starts in its own account and the rest wait', async () => {
    const run = aFanOutRun({ concurrency: { kind: 'count', value: 1 } });
    await context.runs.create(run);

    expect(await startChildren(context, run.id)).toEqual({ againInMs: 60_000 });

    const [started] = aws.executions('333333333301', TOKYO);
    expect(started?.parameters.InstanceId).toEqual(['i-0a1b2c3d4e5f60718']);
    expect(aws.executions('333333333301', VIRGINIA)).toEqual([]);
    const after = await stored(run);
    expect(after.status).toBe('running');
    expect(statuses(after)).toEqual(['Pending', 'Queued', 'Queued', 'Queued']);
    expect(after.children[0]?.executionId).toBe(started?.id);
    expect(await context.tracker.find(started!.id)).toMatchObject({
      location: { accountId: '333333333301', region: TOKYO },
    });
    expect(context.scheduler.polls).toEqual([{ location: { accountId: '333333333301', region: TOKYO } }]);
  });

  it.each([
    ['its queue is full', 'AutomationExecutionLimitExceededException'],
    ['it throttles past the retries', 'ThrottlingException'],
  ])(
    'when SSM in one account says %s, then those children stay queued for a later tick and none fails',
    async (_, errorCode) => {
      await aws.sandbox.control.addFault({
        kind: 'api-error',
        service: 'ssm',
        operation: 'StartAutomationExecution',
        accountId: '333333333301',
        errorCode,
      });
      const run = aFanOutRun();
      await context.runs.create(run);

      // The first wait of the backoff: 5 s at most, in its upper half by jitter; recorded with the run.
      const { againInMs } = await startChildren(context, run.id);
      expect(againInMs).toBeGreaterThanOrEqual(2_500);
      expect(againInMs).toBeLessThanOrEqual(5_000);

      const after = await stored(run);
      expect(after.roomWait).toMatchObject({ refusals: 1, delayMs: againInMs });
      expect(after.children.map((child) => `${child.accountId}:${child.region}:${child.status}`)).toEqual([
        `333333333301:${TOKYO}:Queued`,
        `333333333301:${VIRGINIA}:Queued`,
        `444444444401:${TOKYO}:Pending`,
        `444444444401:${VIRGINIA}:Pending`,
      ]);
      expect(after.children.every((child) => child.failure === undefined)).toBe(true);

      await aws.sandbox.control.clearFaults();
      await startChildren(context, run.id);
      const started = await stored(run);
      expect(statuses(started)).toEqual(['Pending', 'Pending', 'Pending', 'Pending']);
      expect(started.roomWait).toBeUndefined();
    },
  );

  it('when one account stays full for the configured maximum, then its refused children fail naming the quota, and the rest run', async () => {
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'StartAutomationExecution',
      accountId: '333333333301',
      errorCode: 'AutomationExecutionLimitExceededException',
    });
    context.settings.roomBackoff = { firstDelayMs: 5_000, maxDelayMs: 300_000, maxWaitMs: 3_600_000 };
    const run = aFanOutRun({ maxErrors: { kind: 'count', value: 5 } });
    await context.runs.create(run);

    // Each tick when the last wait is over, as the starter's jobs would run it: waits grow, none fails early.
    const waits: number[] = [];
    for (let elapsed = 0; elapsed < 3_600_000; elapsed += waits.at(-1)!) {
      const { againInMs } = await startChildren(context, run.id);
      waits.push(againInMs!);
      context.clock.advance(againInMs!);
    }
    expect(waits.slice(0, 7).every((wait, index) => index === 0 || wait >= waits[index - 1]!)).toBe(true);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300_000);
    expect(statuses(await stored(run))).toEqual(['Queued', 'Queued', 'Pending', 'Pending']);

    await startChildren(context, run.id);

    const after = await stored(run);
    expect(statuses(after)).toEqual(['StartFailed', 'StartFailed', 'Pending', 'Pending']);
    expect(after.children[0]?.failure?.message).toMatch(
      /^Not started: waited 1(\.\d)? h for room and SSM's quota of concurrent Automation executions in this account and region stayed full \(AutomationExecutionLimitExceededException: /,
    );
    expect(context.notifier.failures.map(({ child }) => child.accountId)).toEqual([
      '333333333301',
      '333333333301',
    ]);
  });

  it('when the starter runs again, then a started child is not started twice and the next ones start', async () => {
    const run = aFanOutRun({ concurrency: { kind: 'count', value: 2 } });
    await context.runs.create(run);
    await startChildren(context, run.id);
    await context.runs.update(run.id, (latest) => ({
      ...latest,
      children: latest.children.map((child, index) =>
        index === 0 ? { ...child, status: 'Success' } : child,
      ),
    }));

    await startChildren(context, run.id);

    expect(aws.executions('333333333301', TOKYO)).toHaveLength(1);
    expect(aws.executions('333333333301', VIRGINIA)).toHaveLength(1);
    expect(aws.executions('444444444401', TOKYO)).toHaveLength(1);
    expect(statuses(await stored(run))).toEqual(['Success', 'Pending', 'Pending', 'Queued']);
  });

  it('when an account refuses the fan-out role, then that child failed to start, is announced, and others start', async () => {
    const run = aFanOutRun({
      targets: { ...aRun().targets, accounts: [NO_FAN_OUT_ROLE, { id: '444444444401', name: 'x' }] },
      maxErrors: { kind: 'count', value: 5 },
      children: [
        { accountId: NO_FAN_OUT_ROLE.id, accountName: NO_FAN_OUT_ROLE.name, region: TOKYO, status: 'Queued' },
        { accountId: '444444444401', accountName: 'payments-staging', region: TOKYO, status: 'Queued' },
      ],
    });
    await context.runs.create(run);

    await startChildren(context, run.id);

    const after = await stored(run);
    expect(statuses(after)).toEqual(['StartFailed', 'Pending']);
    expect(after.children[0]?.failure?.reason).toMatch(/AccessDenied/);
    expect(context.notifier.failures.map(({ child }) => child.accountId)).toEqual([NO_FAN_OUT_ROLE.id]);
    expect(aws.executions('444444444401', TOKYO)).toHaveLength(1);
  });

  it('when failures already exceed its error threshold, then the queued children are skipped, not started', async () => {
    const run = aFanOutRun({
      children: aFanOutRun().children.map((child, index) =>
        index === 0 ? { ...child, status: 'Failed', executionId: 'exec-failed' } : child,
      ),
    });
    await context.runs.create(run);

    await startChildren(context, run.id);

    expect(statuses(await stored(run))).toEqual(['Failed', 'Skipped', 'Skipped', 'Skipped']);
    expect(aws.executions('333333333301', VIRGINIA)).toEqual([]);
    expect((await stored(run)).status).toBe('failed');
  });

  it('when it was cancelled, then its queued children end cancelled and none starts', async () => {
    const run = aFanOutRun({ status: 'cancelling' });
    await context.runs.create(run);

    await startChildren(context, run.id);

    expect(statuses(await stored(run))).toEqual(['Cancelled', 'Cancelled', 'Cancelled', 'Cancelled']);
    expect(aws.executions('333333333301', TOKYO)).toEqual([]);
  });
});

describe('a run with nothing to start', () => {
  it.each([['already finished', aRun({ status: 'succeeded' })]])(
    'when it is %s, then nothing starts and nothing is scheduled',
    async (_, run) => {
      await context.runs.create(run);

      expect(await startChildren(context, run.id)).toEqual({});

      expect(aws.executions(HOME, TOKYO)).toEqual([]);
      expect(await stored(run)).toEqual(run);
      expect(context.scheduler.polls).toEqual([]);
    },
  );

  it('when the run does not exist, then nothing happens', async () => {
    expect(await startChildren(context, 'run-missing1')).toEqual({});
    expect(aws.executions(HOME, TOKYO)).toEqual([]);
  });
});
