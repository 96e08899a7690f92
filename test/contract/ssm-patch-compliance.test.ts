// SSM patch compliance through the real SDK: ListResourceComplianceSummaries and DescribeInstancePatchStates per
// account × region, with paging, MaxResults bounds, filters and the refusals AWS answers with.
import {
  DescribeInstancePatchStatesCommand,
  GetAutomationExecutionCommand,
  InvalidFilter,
  InvalidNextToken,
  ListResourceComplianceSummariesCommand,
  paginateListResourceComplianceSummaries,
  type ResourceComplianceSummaryItem,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxCredentials, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** fixtures/sandbox/organization.yml */
const PAYMENTS_PROD = '333333333301';
const DEV_SHARED = '555555555501';
const DATA_DEV = '555555555502';
const PATCH = [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' as const }];

let env: TestSandbox;
const readAs = (accountId: string) =>
  env.assumeRole(`arn:aws:iam::${accountId}:role/SsmChatOpsReadOnly`, 'compliance-test');
beforeAll(async () => {
  env = await startTestSandbox();
});
afterAll(() => env.close());

async function everySummary(credentials: SandboxCredentials, region: string) {
  const items: ResourceComplianceSummaryItem[] = [];
  for await (const page of paginateListResourceComplianceSummaries(
    { client: env.ssm({ region, credentials }) },
    { Filters: PATCH },
  )) {
    items.push(...(page.ResourceComplianceSummaryItems ?? []));
  }
  return items;
}

describe('sandbox: ListResourceComplianceSummaries', () => {
  it('when a member account lists Patch compliance, then each managed instance has its status and severity counts', async () => {
    const items = await everySummary(await readAs(PAYMENTS_PROD), 'ap-northeast-1');
    expect(items).toHaveLength(10);
    const nonCompliant = items.filter((item) => item.Status === 'NON_COMPLIANT');
    expect(nonCompliant).toHaveLength(4);
    const critical = nonCompliant.find((item) => item.OverallSeverity === 'CRITICAL')!;
    expect(critical).toMatchObject({
      ComplianceType: 'Patch',
      ResourceType: 'ManagedInstance',
      ResourceId: expect.stringMatching(/^i-[0-9a-f]{17}$/),
      ExecutionSummary: { ExecutionType: 'Command', ExecutionTime: expect.any(Date) },
      NonCompliantSummary: { NonCompliantCount: 7, SeveritySummary: { CriticalCount: 2 } },
    });
  });

  it('when a place holds more instances than a page, then NextToken pages through all of them once', async () => {
    const credentials = await readAs(DEV_SHARED);
    const first = await env
      .ssm({ region: 'ap-northeast-1', credentials })
      .send(new ListResourceComplianceSummariesCommand({ Filters: PATCH }));
    expect(first.ResourceComplianceSummaryItems).toHaveLength(50);
    expect(first.NextToken).toBeDefined();
    const all = await everySummary(credentials, 'ap-northeast-1');
    expect(all).toHaveLength(64);
    expect(new Set(all.map((item) => item.ResourceId)).size).toBe(64);
  });

  it('when Status=NON_COMPLIANT is the filter, then only non-compliant instances come back', async () => {
    const { ResourceComplianceSummaryItems: items } = await env
      .ssm({ region: 'ap-northeast-1', credentials: await readAs(DEV_SHARED) })
      .send(
        new ListResourceComplianceSummariesCommand({
          Filters: [...PATCH, { Key: 'Status', Values: ['NON_COMPLIANT'], Type: 'EQUAL' }],
        }),
      );
    expect(items?.map((item) => item.Status)).toEqual(Array(6).fill('NON_COMPLIANT'));
  });

  it('when an account has no managed instances in a region, then the list is empty', async () => {
    const { ResourceComplianceSummaryItems: items } = await env
      .ssm({ region: 'eu-west-1' })
      .send(new ListResourceComplianceSummariesCommand({ Filters: PATCH }));
    expect(items).toEqual([]);
  });

  it.each([0, 51])('when MaxResults is %i, then AWS refuses it as a ValidationException', async (max) => {
    await expect(
      env.ssm().send(new ListResourceComplianceSummariesCommand({ Filters: PATCH, MaxResults: max })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('maxResults') });
  });

  it('when the token belongs to another query or is made up, then InvalidNextToken', async () => {
    await expect(
      env.ssm().send(new ListResourceComplianceSummariesCommand({ NextToken: 'made-up' })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
  });

  it('when a filter key is one the sandbox does not know, then InvalidFilter', async () => {
    await expect(
      env.ssm().send(
        new ListResourceComplianceSummariesCommand({
          Filters: [{ Key: 'Owner', Values: ['me'], Type: 'BEGIN_WITH' }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidFilter);
  });

  it('when an account calls in a region it has not enabled, then the token is refused', async () => {
    await expect(
      env
        .ssm({ region: 'us-east-1', credentials: await readAs(DATA_DEV) })
        .send(new ListResourceComplianceSummariesCommand({ Filters: PATCH })),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });
});

describe('sandbox: DescribeInstancePatchStates', () => {
  it('when asked for listed instances, then each has its patch counts and ids of other places are left out', async () => {
    const credentials = await readAs(PAYMENTS_PROD);
    const items = await everySummary(credentials, 'ap-northeast-1');
    const critical = items.find((item) => item.OverallSeverity === 'CRITICAL')!.ResourceId!;
    const { InstancePatchStates: states } = await env
      .ssm({ region: 'ap-northeast-1', credentials })
      .send(new DescribeInstancePatchStatesCommand({ InstanceIds: [critical, 'i-0000000000000dead'] }));
    expect(states).toEqual([
      expect.objectContaining({
        InstanceId: critical,
        MissingCount: 7,
        CriticalNonCompliantCount: 2,
        SecurityNonCompliantCount: 4,
        OtherNonCompliantCount: 3,
        Operation: 'Scan',
        OperationEndTime: expect.any(Date),
      }),
    ]);
  });

  it('when more than 50 instance ids are asked for, then a ValidationException', async () => {
    const ids = Array.from({ length: 51 }, (_, index) => `i-0${String(index).padStart(16, '0')}`);
    await expect(
      env.ssm().send(new DescribeInstancePatchStatesCommand({ InstanceIds: ids })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it.each([9, 101])('when MaxResults is %i, then a ValidationException', async (max) => {
    await expect(
      env.ssm().send(new DescribeInstancePatchStatesCommand({ InstanceIds: [], MaxResults: max })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('when paged by 10, then every asked instance comes back once', async () => {
    const credentials = await readAs(DEV_SHARED);
    const ids = (await everySummary(credentials, 'ap-northeast-1'))
      .slice(0, 25)
      .map((item) => item.ResourceId!);
    const client = env.ssm({ region: 'ap-northeast-1', credentials });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeInstancePatchStatesCommand({ InstanceIds: ids, MaxResults: 10, NextToken: token }),
      );
      seen.push(...(page.InstancePatchStates ?? []).map((state) => state.InstanceId!));
      token = page.NextToken;
    } while (token);
    expect(seen.sort()).toEqual([...ids].sort());
  });
});

describe('sandbox: patching with Platform-PatchRegionInstances', () => {
  const runAs = async (accountId: string, operation: 'Install' | 'Scan') => {
    const credentials = await env.assumeRole(`arn:aws:iam::${accountId}:role/SsmChatOpsExecution`, 'patch', {
      externalId: 'ssm-chatops-sandbox',
    });
    const client = env.ssm({ region: 'us-east-1', credentials });
    const { AutomationExecutionId: id } = await client.send(
      new StartAutomationExecutionCommand({
        DocumentName: 'Platform-PatchRegionInstances',
        Parameters: { Operation: [operation] },
      }),
    );
    await env.control.advance(600);
    const { AutomationExecution: execution } = await client.send(
      new GetAutomationExecutionCommand({ AutomationExecutionId: id }),
    );
    expect(execution?.AutomationExecutionStatus).toBe('Success');
  };
  const nonCompliantIn = async (accountId: string) =>
    (await everySummary(await readAs(accountId), 'us-east-1')).filter(
      (item) => item.Status === 'NON_COMPLIANT',
    );

  it('when it runs with Operation=Scan, then nothing is installed', async () => {
    await runAs('333333333303', 'Scan');
    expect(await nonCompliantIn('333333333303')).toHaveLength(1);
  });

  it('when it succeeds with Operation=Install in an account and region, then every instance there is compliant', async () => {
    expect(await nonCompliantIn(PAYMENTS_PROD)).toHaveLength(1);
    await runAs(PAYMENTS_PROD, 'Install');
    expect(await nonCompliantIn(PAYMENTS_PROD)).toEqual([]);
    // Other places are untouched.
    const tokyo = await everySummary(await readAs(PAYMENTS_PROD), 'ap-northeast-1');
    expect(tokyo.filter((item) => item.Status === 'NON_COMPLIANT')).toHaveLength(4);
  });
});
