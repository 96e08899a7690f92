// Builders of render inputs from the sandbox organization: plans, runs in every state, many accounts.
import type { Account } from '../../../src/core/organization/organization.js';
import type { ChildExecution, ChildStatus, Run } from '../../../src/core/run/run.js';
import type { RunPlan } from '../../../src/core/run/run-plan.js';
import { aRun } from '../../support/builders.js';

export const PAYMENTS_PROD = anAccount('333333333301', 'payments-prod');
export const IDENTITY_PROD = anAccount('333333333302', 'identity-prod');
export const SEARCH_PROD = anAccount('333333333303', 'search-prod');
export const PAYMENTS_STAGING = anAccount('444444444401', 'payments-staging');
export const IDENTITY_STAGING = anAccount('444444444402', 'identity-staging');
export const DEV_SHARED = anAccount('555555555501', 'dev-shared');
export const LEGACY_REPORTING: Account = {
  ...anAccount('777777777701', 'legacy-reporting'),
  status: 'SUSPENDED',
};

/** Created at 01:00:00Z; `minutes(n)` is that plus n minutes. */
export const CREATED_AT = '2025-06-02T01:00:00.000Z';
export const minutes = (n: number): Date => new Date(Date.parse(CREATED_AT) + n * 60_000);

export function anAccount(id: string, name: string): Account {
  return { id, name, status: 'ACTIVE', path: ['r-sbx1', 'ou-sbx1-workload'] };
}

/** `count` accounts named `member-0001`… with ids 900000000001…, for lists that must be capped. */
export function manyAccounts(count: number): Account[] {
  return Array.from({ length: count }, (_, index) =>
    anAccount(String(900_000_000_001 + index), `member-${String(index + 1).padStart(4, '0')}`),
  );
}

/** A dry run of AWS-RestartEC2Instance in the three production accounts and two regions, needing approval. */
export function aPlan(overrides: Partial<RunPlan> = {}): RunPlan {
  const accounts = overrides.accounts ?? [PAYMENTS_PROD, IDENTITY_PROD, SEARCH_PROD];
  const regions = overrides.regions ?? ['ap-northeast-1', 'us-east-1'];
  return {
    runbook: { name: 'AWS-RestartEC2Instance', description: 'Restart EC2 instances(s)' },
    parameters: { InstanceId: ['i-0a1b2c3d4e5f60718', 'i-0f9e8d7c6b5a40312'] },
    accounts,
    regions,
    targets: accounts.flatMap((account) => regions.map((region) => ({ accountId: account.id, region }))),
    skipped: [],
    mode: 'multi-account',
    concurrency: { kind: 'count', value: 10 },
    maxErrors: { kind: 'percent', value: 25 },
    reason: 'Apply the June kernel patch',
    policy: { rules: ['prod-restarts'], approvalTemplates: ['prod-change'] },
    ...overrides,
  };
}

/** A child of a run, with an execution id once SSM knows it. */
export function aChild(
  account: { id: string; name: string },
  region: string,
  status: ChildStatus,
  extra: Partial<ChildExecution> = {},
): ChildExecution {
  const known = !['Queued', 'StartFailed', 'Skipped'].includes(status);
  return {
    accountId: account.id,
    accountName: account.name,
    region,
    status,
    ...(known ? { executionId: executionIdFor(account.id, region) } : {}),
    ...extra,
  };
}

/** A deterministic execution id per target, shaped like SSM's (a UUID). */
export function executionIdFor(accountId: string, region: string): string {
  const seed = `${accountId}${region.length}`.padEnd(12, '0').slice(-12);
  return `8f2e4c1a-5b6d-4e7f-9a0b-${seed}`;
}

/** A run with these children (targets follow them) and whatever else the test says. */
export function aRunWith(children: ChildExecution[], overrides: Partial<Run> = {}): Run {
  const accounts = [
    ...new Map(children.map((c) => [c.accountId, { id: c.accountId, name: c.accountName }])).values(),
  ];
  const regions = [...new Set(children.map((child) => child.region))];
  const base = aRun();
  return aRun({
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    status: 'running',
    targets: { ...base.targets, accounts, regions },
    children,
    ...overrides,
  });
}

/** Every account × region with the same status. */
export function childrenOf(
  accounts: ReadonlyArray<{ id: string; name: string }>,
  regions: readonly string[],
  status: (account: { id: string; name: string }, region: string, index: number) => ChildStatus,
): ChildExecution[] {
  let index = 0;
  return accounts.flatMap((account) =>
    regions.map((region) => aChild(account, region, status(account, region, index++))),
  );
}

/** What an outsider could type or AWS could answer: mentions, links, entities, fences. */
export const HOSTILE =
  '<!channel> <@U0ADMIN01> <https://evil.example|click> a & b ``` *bold* `tick` \n> quote';
