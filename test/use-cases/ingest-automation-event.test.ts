// ingestAutomationEvent: an event about a followed execution polls its place now; a failure nobody started from
// Slack opens a thread with what the member account says of it (read through the real adapters and the sandbox).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionStatusEvent, StepStatusEvent } from '../../src/core/events/automation-status-event.js';
import { ingestAutomationEvent } from '../../src/use-cases/ingest-automation-event.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { type SandboxAws, startSandboxAws } from '../support/sandbox-aws.js';

const NOTIFICATIONS = 'C0NOTIFY01';
const PAYMENTS = { accountId: '333333333301', region: 'ap-northeast-1' };

let aws: SandboxAws;
let context: TestRunContext;
beforeAll(async () => {
  aws = await startSandboxAws();
});
afterAll(() => aws.close());
beforeEach(async () => {
  await aws.reset();
  context = aRunContext({ ...aws.adapters, settings: { notificationsChannel: NOTIFICATIONS } });
});

function anExecutionEvent(overrides: Partial<ExecutionStatusEvent> = {}): ExecutionStatusEvent {
  return {
    kind: 'execution',
    eventId: 'evt-1',
    ...PAYMENTS,
    time: '2026-06-02T01:29:00Z',
    executionId: 'f3a1c2d4-0000-4000-8000-000000000001',
    status: 'Failed',
    definition: 'AWS-RestartEC2Instance',
    ...overrides,
  };
}

/** A run whose first child is the execution `executionId` in payments-prod, Tokyo. */
async function aRunFollowing(executionId: string, parentExecutionId?: string) {
  const run = aRun({ status: 'running', parentExecutionId });
  run.children[0] = { ...run.children[0]!, executionId, status: 'InProgress' };
  await context.runs.create(run);
  return run;
}

/** Starts an execution in payments-prod the way someone outside the bot would, and lets it fail. */
async function anExternalFailure(): Promise<string> {
  await aws.sandbox.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId: PAYMENTS.accountId,
    message: 'Instance i-0a1b2c3d4e5f60718 did not start.',
  });
  const started = await aws.adapters.automation.startInAccount({
    target: PAYMENTS,
    runbook: 'AWS-RestartEC2Instance',
    parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
    clientToken: '5f0c8a1e-7c4b-4d2e-9a61-3b8f2e1d0c9a',
  });
  if (!started.ok) throw new Error(started.failure.message);
  await aws.sandbox.control.settle();
  return started.value.executionId;
}

describe('an event about an execution the bot follows', () => {
  it('when its execution is a run’s child, then its place is polled now', async () => {
    const run = await aRunFollowing('exec-child-1');

    const outcome = await ingestAutomationEvent(context, anExecutionEvent({ executionId: 'exec-child-1' }));

    expect(outcome).toEqual({ kind: 'polled', runId: run.id });
    expect(context.scheduler.polls).toEqual([{ location: PAYMENTS }]);
    expect(context.notifier.externalFailures).toEqual([]);
  });

  it('when its parent is a run’s multi-account parent, then the child’s place is polled', async () => {
    const run = await aRunFollowing('exec-other', 'exec-parent-1');

    const outcome = await ingestAutomationEvent(
      context,
      anExecutionEvent({ executionId: 'exec-unknown-child', parentExecutionId: 'exec-parent-1' }),
    );

    expect(outcome).toEqual({ kind: 'polled', runId: run.id });
    expect(context.scheduler.polls).toEqual([{ location: PAYMENTS }]);
  });

  it('when it is a step event, then the place is polled too', async () => {
    const run = await aRunFollowing('exec-child-1');
    const step: StepStatusEvent = {
      ...anExecutionEvent({ executionId: 'exec-child-1', status: 'InProgress' }),
      kind: 'step',
      stepName: 'stopInstances',
      action: 'aws:changeInstanceState',
    };

    expect(await ingestAutomationEvent(context, step)).toEqual({ kind: 'polled', runId: run.id });
  });
});

describe('an event about an execution nobody started from Slack', () => {
  it('when it failed, then a failure thread tells its steps, its failure and the account’s name', async () => {
    const executionId = await anExternalFailure();

    const outcome = await ingestAutomationEvent(context, anExecutionEvent({ executionId }));

    expect(outcome).toEqual({ kind: 'failure-thread', executionId });
    expect(context.notifier.externalFailures).toHaveLength(1);
    const { channel, failure } = context.notifier.externalFailures[0]!;
    expect(channel).toBe(NOTIFICATIONS);
    expect(failure).toMatchObject({ executionId, accountName: 'payments-prod', status: 'Failed' });
    expect(failure.failureMessage).toContain('did not start');
    expect(failure.steps?.map((step) => step.name)).toEqual(['stopInstances', 'startInstances']);
    expect(context.scheduler.polls).toEqual([]);
  });

  it('when its account refuses the read role, then the thread still opens with AWS’s refusal as its message', async () => {
    await aws.sandbox.control.addFault({
      kind: 'api-error',
      service: 'ssm',
      operation: 'GetAutomationExecution',
      accountId: PAYMENTS.accountId,
      errorCode: 'AccessDeniedException',
      message: 'not allowed to read here',
    });

    const outcome = await ingestAutomationEvent(context, anExecutionEvent());

    expect(outcome.kind).toBe('failure-thread');
    const failure = context.notifier.externalFailures[0]?.failure;
    expect(failure?.steps).toBeUndefined();
    expect(failure?.failureMessage).toContain('not allowed to read here');
  });

  it('when no notifications channel is configured, then it is ignored', async () => {
    const quiet = aRunContext({ ...aws.adapters, settings: { notificationsChannel: undefined } });

    const outcome = await ingestAutomationEvent(quiet, anExecutionEvent());

    expect(outcome.kind).toBe('ignored');
    expect(quiet.notifier.externalFailures).toEqual([]);
  });

  it.each(['Success', 'InProgress'] as const)('when its status is %s, then it is ignored', async (status) => {
    const outcome = await ingestAutomationEvent(context, anExecutionEvent({ status }));

    expect(outcome.kind).toBe('ignored');
    expect(context.notifier.externalFailures).toEqual([]);
    expect(context.scheduler.polls).toEqual([]);
  });
});
