// Multi-account (TargetLocations) runs: children in member accounts, missing execution roles,
// OU targets, the error threshold, Stop, and a wrong administration role.
import {
  DescribeAutomationExecutionsCommand,
  GetAutomationExecutionCommand,
  StartAutomationExecutionCommand,
  StopAutomationExecutionCommand,
  type TargetLocation,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const ADMIN_ROLE = `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/AWS-SystemsManager-AutomationAdministrationRole`;

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
beforeEach(() => env.control.reset({ timeScale: 0, throttling: false }));
afterAll(() => env.close());

async function startAcross(location: TargetLocation, assumeRole = ADMIN_ROLE) {
  const { AutomationExecutionId } = await env.ssm().send(
    new StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0abc12345678'], AutomationAssumeRole: [assumeRole] },
      TargetLocations: [{ ExecutionRoleName: 'AWS-SystemsManager-AutomationExecutionRole', ...location }],
    }),
  );
  return AutomationExecutionId!;
}

const parentOf = async (id: string) =>
  (await env.ssm().send(new GetAutomationExecutionCommand({ AutomationExecutionId: id })))
    .AutomationExecution!;

async function childrenIn(account: string, region: string, parentId: string) {
  const credentials = await env.assumeRole(`arn:aws:iam::${account}:role/SsmChatOpsReadOnly`, 'reader');
  const ssm = env.ssm({ region, credentials });
  const found = await ssm.send(
    new DescribeAutomationExecutionsCommand({ Filters: [{ Key: 'ParentExecutionId', Values: [parentId] }] }),
  );
  return found.AutomationExecutionMetadataList ?? [];
}

describe('multi-account runs', () => {
  it('when a member account lacks the execution role, then its location fails and the others run in both regions', async () => {
    const id = await startAcross({
      Accounts: ['333333333301', '444444444401', '444444444402'],
      Regions: ['ap-northeast-1', 'us-east-1'],
      TargetLocationMaxConcurrency: '6',
      TargetLocationMaxErrors: '2',
    });
    await env.control.settle();
    const parent = await parentOf(id);
    expect(parent.AutomationExecutionStatus).toBe('Failed');
    expect(parent.ProgressCounters).toEqual({
      TotalSteps: 6,
      SuccessSteps: 4,
      FailedSteps: 2,
      CancelledSteps: 0,
      TimedOutSteps: 0,
    });
    const failed = parent.StepExecutions!.filter((step) => step.StepStatus === 'Failed');
    expect(failed.map((step) => step.StepName).sort()).toEqual([
      '444444444402-ap-northeast-1',
      '444444444402-us-east-1',
    ]);
    expect(failed[0]!.FailureMessage).toContain(
      'sts:AssumeRole on resource: arn:aws:iam::444444444402:role/AWS-SystemsManager-AutomationExecutionRole',
    );
    for (const region of ['ap-northeast-1', 'us-east-1']) {
      const [child] = await childrenIn('333333333301', region, id);
      expect(child).toMatchObject({ AutomationExecutionStatus: 'Success', ParentAutomationExecutionId: id });
      expect(child!.ExecutedBy).toMatch(
        /^arn:aws:sts::222222222222:assumed-role\/AWS-SystemsManager-AutomationAdministrationRole\//,
      );
      const succeeded = parent.StepExecutions!.find((step) => step.StepName === `333333333301-${region}`);
      expect(succeeded?.Outputs?.ExecutionId).toEqual([child!.AutomationExecutionId]);
    }
    expect(await childrenIn('444444444402', 'ap-northeast-1', id)).toEqual([]);
  });

  it('when an OU is targeted, then every active account under it, at any depth, gets a child', async () => {
    const id = await startAcross({
      Accounts: ['ou-sbx1-workload'],
      Regions: ['ap-northeast-1'],
      TargetLocationMaxConcurrency: '100%',
      TargetLocationMaxErrors: '100%',
    });
    await env.control.settle();
    const parent = await parentOf(id);
    expect(parent.StepExecutions!.map((step) => step.StepName!.split('-')[0]).sort()).toEqual([
      '333333333301',
      '333333333302',
      '333333333303',
      '444444444401',
      '444444444402',
      '555555555501',
      '555555555502',
    ]);
  });

  it('when errors pass TargetLocationMaxErrors, then no further location starts and the rest are cancelled', async () => {
    const id = await startAcross({
      Accounts: ['444444444402', '333333333301', '333333333302'],
      Regions: ['ap-northeast-1'],
      TargetLocationMaxConcurrency: '1',
      TargetLocationMaxErrors: '0',
    });
    await env.control.settle();
    const parent = await parentOf(id);
    expect(parent.AutomationExecutionStatus).toBe('Failed');
    expect(parent.ProgressCounters).toMatchObject({ FailedSteps: 1, CancelledSteps: 2, SuccessSteps: 0 });
    expect(await childrenIn('333333333301', 'ap-northeast-1', id)).toEqual([]);
  });

  it('when the parent is stopped, then running children are cancelled in their accounts', async () => {
    const id = await startAcross({
      Accounts: ['333333333301', '333333333302'],
      Regions: ['ap-northeast-1'],
      TargetLocationMaxConcurrency: '2',
    });
    await env.control.advance(2);
    await env.ssm().send(new StopAutomationExecutionCommand({ AutomationExecutionId: id }));
    await env.control.settle();
    expect((await parentOf(id)).AutomationExecutionStatus).toBe('Cancelled');
    const [child] = await childrenIn('333333333302', 'ap-northeast-1', id);
    expect(child?.AutomationExecutionStatus).toBe('Cancelled');
  });

  it('when AutomationAssumeRole is not a role SSM may assume, then the parent fails and no child starts', async () => {
    const id = await startAcross(
      { Accounts: ['333333333301'], Regions: ['ap-northeast-1'] },
      `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/NoSuchRole`,
    );
    await env.control.settle();
    const parent = await parentOf(id);
    expect(parent.AutomationExecutionStatus).toBe('Failed');
    expect(parent.FailureMessage).toContain('administration role cannot be assumed');
    expect(await childrenIn('333333333301', 'ap-northeast-1', id)).toEqual([]);
  });

  it('when TargetLocationMaxConcurrency is malformed, then the start is refused', async () => {
    await expect(
      startAcross({
        Accounts: ['333333333301'],
        Regions: ['ap-northeast-1'],
        TargetLocationMaxConcurrency: 'ten',
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
