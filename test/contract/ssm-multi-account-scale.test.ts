// A multi-account (TargetLocations) run across the benchmarks' organization of 1,000 accounts in nested OUs:
// every location gets a child, the accounts the bench makes fail do fail, and the sandbox settles it in seconds.
import {
  GetAutomationExecutionCommand,
  paginateDescribeAutomationStepExecutions,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeOrganization } from '../../bench/support/large-organization.js';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const ACCOUNTS = 1000;
const REGIONS = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];
const organization = writeLargeOrganization(ACCOUNTS, {
  ouLevels: 3,
  ouBranching: 4,
  failing: { every: 50, runbook: 'AWS-RestartEC2Instance', step: 'startInstances' },
});

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox({ fixturePath: organization.path });
});
afterAll(() => env.close());

describe('a multi-account run over 1,000 accounts × 3 regions', () => {
  it('when it targets the top OUs, then every account under them runs, one in 50 fails, and it settles in seconds', async () => {
    const topOus = Array.from({ length: 4 }, (_, index) => `ou-bnch-unit${String(index).padStart(4, '0')}`);
    const { AutomationExecutionId } = await env.ssm().send(
      new StartAutomationExecutionCommand({
        DocumentName: 'AWS-RestartEC2Instance',
        Parameters: {
          InstanceId: ['i-0abc12345678'],
          AutomationAssumeRole: [
            `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/AWS-SystemsManager-AutomationAdministrationRole`,
          ],
        },
        TargetLocations: [
          {
            Accounts: topOus,
            Regions: REGIONS,
            ExecutionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
            TargetLocationMaxConcurrency: '100%',
            TargetLocationMaxErrors: '100%',
          },
        ],
      }),
    );
    // Before the fix each ending child recounted every location per location: minutes of CPU at this size.
    const startedAt = performance.now();
    await env.control.settle();
    const settleMs = performance.now() - startedAt;

    const { AutomationExecution: parent } = await env
      .ssm()
      .send(new GetAutomationExecutionCommand({ AutomationExecutionId }));
    expect(organization.organizationalUnits).toBe(4 + 16 + 64);
    expect(parent!.ProgressCounters).toMatchObject({
      TotalSteps: ACCOUNTS * REGIONS.length,
      SuccessSteps: (ACCOUNTS - ACCOUNTS / 50) * REGIONS.length,
      FailedSteps: (ACCOUNTS / 50) * REGIONS.length,
    });
    // 3,000 location steps are more than GetAutomationExecution lists: the failed ones come from
    // DescribeAutomationStepExecutions, filtered as a caller would.
    expect(parent!.StepExecutions).toHaveLength(1000);
    expect(parent!.StepExecutionsTruncated).toBe(true);
    const failedAccounts = new Set<string>();
    for await (const page of paginateDescribeAutomationStepExecutions(
      { client: env.ssm(), pageSize: 50 },
      { AutomationExecutionId, Filters: [{ Key: 'StepExecutionStatus', Values: ['Failed'] }] },
    )) {
      for (const step of page.StepExecutions ?? []) failedAccounts.add(step.StepName!.split('-')[0]!);
    }
    expect([...failedAccounts].sort()).toEqual(organization.failingAccountIds);
    expect(settleMs).toBeLessThan(10_000);
  }, 60_000);
});
