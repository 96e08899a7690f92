// SSM Automation executions through the real SDK, with the sandbox clock driven by the test.
import {
  DescribeAutomationExecutionsCommand,
  DescribeAutomationStepExecutionsCommand,
  GetAutomationExecutionCommand,
  paginateDescribeAutomationExecutions,
  StartAutomationExecutionCommand,
  type StartAutomationExecutionCommandInput,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsEvent } from '../../src/sandbox/events/event-buses.js';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox({ startTime: new Date('2026-11-24T09:00:00Z') });
});
beforeEach(() => env.control.reset({ timeScale: 0, throttling: false, startTime: '2026-11-24T09:00:00Z' }));
afterAll(() => env.close());

const restart = (instance = 'i-0abc12345678'): StartAutomationExecutionCommandInput => ({
  DocumentName: 'AWS-RestartEC2Instance',
  Parameters: { InstanceId: [instance] },
});

async function start(input: StartAutomationExecutionCommandInput) {
  return (await env.ssm().send(new StartAutomationExecutionCommand(input))).AutomationExecutionId!;
}

async function get(id: string) {
  return (await env.ssm().send(new GetAutomationExecutionCommand({ AutomationExecutionId: id })))
    .AutomationExecution!;
}

/** Records the events the engine publishes on the sandbox's buses (white box: aws.ssm cannot be PutEvents). */
function recordEvents(): AwsEvent[] {
  const events: AwsEvent[] = [];
  const buses = env.sandbox.world.events;
  const publish = buses.publish.bind(buses);
  buses.publish = (event) => {
    events.push(event);
    publish(event);
  };
  return events;
}

describe('a single-account execution', () => {
  it('when it runs to the end, then each step has inputs, timings and a status, and events follow each change', async () => {
    const events = recordEvents();
    const id = await start(restart());
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await get(id)).AutomationExecutionStatus).toBe('Pending');

    await env.control.advance(1);
    const running = await get(id);
    expect(running.AutomationExecutionStatus).toBe('InProgress');
    expect(running.CurrentStepName).toBe('stopInstances');
    expect(running.StepExecutions?.[0]?.Inputs).toMatchObject({ InstanceIds: '["i-0abc12345678"]' });

    await env.control.settle();
    const done = await get(id);
    expect(done.AutomationExecutionStatus).toBe('Success');
    expect(done.ExecutedBy).toBe('arn:aws:iam::222222222222:user/ssm-chatops');
    expect(done.StepExecutions?.map((step) => [step.StepName, step.StepStatus])).toEqual([
      ['stopInstances', 'Success'],
      ['startInstances', 'Success'],
    ]);
    const [first, second] = done.StepExecutions!;
    expect(first!.ExecutionEndTime!.getTime()).toBeGreaterThan(first!.ExecutionStartTime!.getTime());
    expect(second!.ExecutionStartTime!.getTime()).toBe(first!.ExecutionEndTime!.getTime());

    const statuses = events
      .filter((event) => event['detail-type'] === 'EC2 Automation Execution Status-change Notification')
      .map((event) => event.detail.Status);
    expect(statuses).toEqual(['Pending', 'InProgress', 'Success']);
    const stepEvents = events.filter(
      (event) => event['detail-type'] === 'EC2 Automation Step Status-change Notification',
    );
    expect(stepEvents.map((event) => `${event.detail.StepName}:${event.detail.Status}`)).toEqual([
      'stopInstances:InProgress',
      'stopInstances:Success',
      'startInstances:InProgress',
      'startInstances:Success',
    ]);
    expect(stepEvents[0]).toMatchObject({
      source: 'aws.ssm',
      account: OPERATIONS_ACCOUNT,
      region: 'ap-northeast-1',
      resources: [`arn:aws:ssm:ap-northeast-1:${OPERATIONS_ACCOUNT}:automation-execution/${id}`],
    });
  });

  it('when a step failure is injected, then the execution fails with that step and message', async () => {
    await env.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'stopInstances',
      message: 'Instance i-0abc12345678 is in an invalid state.',
    });
    const id = await start(restart());
    await env.control.settle();
    const failed = await get(id);
    expect(failed.AutomationExecutionStatus).toBe('Failed');
    expect(failed.FailureMessage).toContain('Instance i-0abc12345678 is in an invalid state.');
    expect(failed.StepExecutions?.map((step) => step.StepStatus)).toEqual(['Failed']);
  });

  it('when a failing step continues to cleanup, then cleanup runs and the run still ends Failed', async () => {
    const id = await start({
      DocumentName: 'Platform-VerifyBackupRestore',
      Parameters: { DBInstanceIdentifier: ['orders-db'], SimulateFailure: ['true'] },
    });
    await env.control.settle();
    const run = await get(id);
    expect(run.AutomationExecutionStatus).toBe('Failed');
    const steps = run.StepExecutions!.map((step) => `${step.StepName}:${step.StepStatus}`);
    expect(steps).toContain('FailRestoreCheck:Failed');
    expect(steps.at(-1)).toBe('DeleteScratchInstance:Success');
    expect(run.StepExecutions![0]!.Outputs).toEqual({
      SnapshotId: ['rds:orders-db-2026-05-01-03-10'],
      SnapshotCreateTime: ['2026-05-01T03:10:00Z'],
    });
  });

  it('when a step outputs an ARN or a name, then it names the inputs, region and account of this run', async () => {
    const restart = await start({
      DocumentName: 'Platform-RollingRestartService',
      Parameters: { ClusterName: ['payments'] },
    });
    const restore = await env.ssm({ region: 'us-east-1' }).send(
      new StartAutomationExecutionCommand({
        DocumentName: 'Platform-VerifyBackupRestore',
        Parameters: { DBInstanceIdentifier: ['billing-db'] },
      }),
    );
    await env.control.settle();
    const outputs = async (id: string, region?: string) =>
      Object.assign(
        {},
        ...(
          await env.ssm({ region }).send(new GetAutomationExecutionCommand({ AutomationExecutionId: id }))
        ).AutomationExecution!.StepExecutions!.map((step) => step.Outputs ?? {}),
      );
    expect(await outputs(restart)).toMatchObject({
      ClusterArn: [`arn:aws:ecs:ap-northeast-1:${OPERATIONS_ACCOUNT}:cluster/payments`],
    });
    expect(await outputs(restore.AutomationExecutionId!, 'us-east-1')).toMatchObject({
      SnapshotId: ['rds:billing-db-2026-05-01-03-10'],
      ScratchInstanceId: ['billing-db-restore-check'],
      Endpoint: ['billing-db-restore-check.c9akciq32.us-east-1.rds.amazonaws.com'],
    });
  });

  it('when stopped, then it passes through Cancelling to Cancelled and cannot be stopped again', async () => {
    const id = await start(restart());
    await env.control.advance(1);
    await env.ssm().send(new StopAutomationExecutionCommand({ AutomationExecutionId: id, Type: 'Cancel' }));
    expect((await get(id)).AutomationExecutionStatus).toBe('Cancelling');
    await env.control.settle();
    const cancelled = await get(id);
    expect(cancelled.AutomationExecutionStatus).toBe('Cancelled');
    expect(cancelled.StepExecutions?.[0]?.StepStatus).toBe('Cancelled');
    await expect(
      env.ssm().send(new StopAutomationExecutionCommand({ AutomationExecutionId: id })),
    ).rejects.toMatchObject({ name: 'InvalidAutomationStatusUpdateException' });
  });
});

describe('starting', () => {
  it.each([
    [
      { DocumentName: 'AWS-RestartEC2Instancex', Parameters: { InstanceId: ['i-0abc12345678'] } },
      'AutomationDefinitionNotFoundException',
    ],
    [{ DocumentName: 'AWS-RestartEC2Instance' }, 'InvalidAutomationExecutionParametersException'],
    [
      { DocumentName: 'AWS-RestartEC2Instance', Parameters: { InstanceId: ['not-an-instance'] } },
      'InvalidAutomationExecutionParametersException',
    ],
    [
      {
        DocumentName: 'AWS-RestartEC2Instance',
        Parameters: { InstanceId: ['i-0abc12345678'], Colour: ['blue'] },
      },
      'InvalidAutomationExecutionParametersException',
    ],
    [
      {
        DocumentName: 'AWS-RestartEC2Instance',
        DocumentVersion: '7',
        Parameters: { InstanceId: ['i-0abc12345678'] },
      },
      'AutomationDefinitionVersionNotFoundException',
    ],
  ])('when the request is %j, then the SDK raises %s and nothing starts', async (input, name) => {
    await expect(
      env.ssm({ maxAttempts: 1 }).send(new StartAutomationExecutionCommand(input)),
    ).rejects.toMatchObject({ name });
    const listed = await env.ssm().send(new DescribeAutomationExecutionsCommand({}));
    expect(listed.AutomationExecutionMetadataList).toEqual([]);
  });

  it('when the same ClientToken is sent twice, then one execution exists; with other input, the token is refused', async () => {
    const TOKEN = '5f0c6a1e-3b7d-4c2a-9e1f-0a1b2c3d4e5f';
    const first = await start({ ...restart(), ClientToken: TOKEN });
    const again = await start({ ...restart(), ClientToken: TOKEN });
    expect(again).toBe(first);
    await expect(start({ ...restart('i-0ffff1111222'), ClientToken: TOKEN })).rejects.toMatchObject({
      name: 'IdempotentParameterMismatch',
    });
    const listed = await env.ssm().send(new DescribeAutomationExecutionsCommand({}));
    expect(listed.AutomationExecutionMetadataList).toHaveLength(1);
  });

  it('when the ClientToken is not a UUID, then SSM refuses it as it does at AWS', async () => {
    await expect(start({ ...restart(), ClientToken: 'run-42-333333333301' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('describing', () => {
  it('when filtering and paging, then the SDK paginator sees every match once, newest first', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) {
      ids.push(await start(restart(`i-0abc1234567${index}`)));
      await env.control.advance(1);
    }
    await start({ DocumentName: 'AWS-StopEC2Instance', Parameters: { InstanceId: ['i-0abc12345678'] } });
    const seen: string[] = [];
    for await (const page of paginateDescribeAutomationExecutions(
      { client: env.ssm(), pageSize: 3 },
      { Filters: [{ Key: 'DocumentNamePrefix', Values: ['AWS-Restart'] }] },
    )) {
      seen.push(...(page.AutomationExecutionMetadataList ?? []).map((item) => item.AutomationExecutionId!));
    }
    expect(seen).toEqual([...ids].reverse());
    const byId = await env
      .ssm()
      .send(
        new DescribeAutomationExecutionsCommand({ Filters: [{ Key: 'ExecutionId', Values: [ids[2]!] }] }),
      );
    expect(byId.AutomationExecutionMetadataList?.map((item) => item.AutomationExecutionId)).toEqual([ids[2]]);
  });

  it('when a filter key or token is wrong, then the typed errors come back', async () => {
    const ssm = env.ssm({ maxAttempts: 1 });
    await expect(
      ssm.send(
        new DescribeAutomationExecutionsCommand({ Filters: [{ Key: 'Colour' as never, Values: ['x'] }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidFilterKey' });
    await expect(
      ssm.send(new DescribeAutomationExecutionsCommand({ NextToken: 'forged' })),
    ).rejects.toMatchObject({
      name: 'InvalidNextToken',
    });
    await expect(
      ssm.send(
        new GetAutomationExecutionCommand({ AutomationExecutionId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).rejects.toMatchObject({ name: 'AutomationExecutionNotFoundException' });
  });

  it('when step executions are asked for by status, then only those steps return', async () => {
    const id = await start(restart());
    await env.control.settle();
    const steps = await env.ssm().send(
      new DescribeAutomationStepExecutionsCommand({
        AutomationExecutionId: id,
        Filters: [{ Key: 'StepName', Values: ['startInstances'] }],
      }),
    );
    expect(steps.StepExecutions?.map((step) => step.StepName)).toEqual(['startInstances']);
  });
});

describe('the concurrency quota of an account and region', () => {
  const quota = (concurrentExecutions: number, queuedExecutions: number) =>
    env.control.reset({
      timeScale: 0,
      throttling: false,
      startTime: '2026-11-24T09:00:00Z',
      automationQuota: { concurrentExecutions, queuedExecutions },
    });

  it('when more start than may run, then the rest wait Pending and run as slots free', async () => {
    await quota(2, 1);
    const ids = [await start(restart()), await start(restart()), await start(restart())];
    await env.control.advance(1);
    expect(await Promise.all(ids.map(async (id) => (await get(id)).AutomationExecutionStatus))).toEqual([
      'InProgress',
      'InProgress',
      'Pending',
    ]);
    await env.control.settle();
    expect(await Promise.all(ids.map(async (id) => (await get(id)).AutomationExecutionStatus))).toEqual([
      'Success',
      'Success',
      'Success',
    ]);
  });

  it('when the queue is full too, then the start is refused with AutomationExecutionLimitExceededException', async () => {
    await quota(2, 0);
    await start(restart());
    await start(restart());
    const refused = env.ssm({ maxAttempts: 1 }).send(new StartAutomationExecutionCommand(restart()));
    await expect(refused).rejects.toMatchObject({
      name: 'AutomationExecutionLimitExceededException',
      $fault: 'client',
      message: expect.stringContaining('exceeded the allowable limit'),
    });
    const listed = await env.ssm().send(new DescribeAutomationExecutionsCommand({}));
    expect(listed.AutomationExecutionMetadataList).toHaveLength(2);
  });

  it('when a slot frees, then a start refused before is taken again', async () => {
    await quota(1, 0);
    await start(restart());
    await expect(start(restart())).rejects.toMatchObject({
      name: 'AutomationExecutionLimitExceededException',
    });
    await env.control.settle();
    expect(await get(await start(restart()))).toMatchObject({ AutomationExecutionStatus: 'Pending' });
  });
});
