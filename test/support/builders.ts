// Builders of realistic domain values for tests: a valid default, with only what a test cares about overridden.
import type { ChildExecution, Run } from '../../src/core/run/run.js';

const ACCOUNTS = [
  { id: '333333333301', name: 'payments-prod' },
  { id: '444444444401', name: 'payments-staging' },
];
const REGIONS = ['ap-northeast-1', 'us-east-1'];

/**
 * A multi-account restart of one instance in two payments accounts and two regions, approved by policy and
 * starting: every child `Pending`, no execution ids yet. Overrides replace whole top-level fields.
 */
export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-7k3m9q2x',
    revision: 1,
    createdAt: '2025-06-02T01:00:00.000Z',
    updatedAt: '2025-06-02T01:00:00.000Z',
    requester: { userId: 'U0REQUEST1', teamId: 'T0TEAM0001', userName: 'akiko' },
    channelId: 'C0OPS00001',
    runbook: { name: 'AWS-RestartEC2Instance' },
    parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
    targets: {
      accounts: ACCOUNTS.map((account) => ({ ...account })),
      regions: [...REGIONS],
      requested: {
        accounts: ACCOUNTS.map((account) => account.id),
        organizationalUnits: [],
        excludeAccounts: [],
        regions: [...REGIONS],
      },
    },
    mode: 'multi-account',
    concurrency: { kind: 'count', value: 10 },
    maxErrors: { kind: 'count', value: 0 },
    reason: 'Apply the June kernel patch',
    policyRule: 'platform-team',
    status: 'starting',
    children: ACCOUNTS.flatMap((account) => REGIONS.map((region) => aChild(account, region))),
    ...overrides,
  };
}

function aChild(account: { id: string; name: string }, region: string): ChildExecution {
  return { accountId: account.id, accountName: account.name, region, status: 'Pending' };
}
