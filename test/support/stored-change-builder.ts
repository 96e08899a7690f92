// A builder of stored changes for tests: a valid default, with only what a test cares about overridden.
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import { lockKeysFor } from '../../src/core/approval/locks.js';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import type { Target } from '../../src/core/organization/organization.js';
import { aChangeRequest, PEOPLE } from './approval-builders.js';

const RUNBOOK = 'AWS-RestartEC2Instance';
const ACCOUNT = { id: '333333333301', name: 'payments-prod', status: 'ACTIVE' as const, path: ['r-ab12'] };
const REGIONS = ['ap-northeast-1', 'us-east-1'];
const TARGETS: Target[] = REGIONS.map((region) => ({ accountId: ACCOUNT.id, region }));

/** The lock keys of the default change: its runbook at payments-prod in two regions. */
export const DEFAULT_LOCK_KEYS = lockKeysFor(RUNBOOK, TARGETS);

export type StoredChangeOverrides = Partial<Omit<StoredChange, 'request'>> & {
  /** Merged into `aChangeRequest()`. */
  request?: Partial<ChangeRequest>;
};

/**
 * `aChangeRequest()` (alice's pending `prod-change`) planned as a restart of one instance in payments-prod in
 * two regions, asked in C0OPS00001, posted to C0APPROVAL, not yet shown (no ts). `request` overrides are
 * merged into the request; the rest replace whole top-level fields.
 */
export function aStoredChange(overrides: StoredChangeOverrides = {}): StoredChange {
  const { request, ...rest } = overrides;
  return {
    request: aChangeRequest(request),
    run: {
      plan: {
        runbook: { name: RUNBOOK },
        parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
        accounts: [{ ...ACCOUNT, path: [...ACCOUNT.path] }],
        regions: [...REGIONS],
        targets: TARGETS.map((target) => ({ ...target })),
        skipped: [],
        mode: 'multi-account',
        concurrency: { kind: 'count', value: 10 },
        maxErrors: { kind: 'count', value: 0 },
        reason: 'Apply the June kernel patch',
        policy: { rules: ['platform-team'], approvalTemplates: ['prod-change'] },
      },
      requester: { userId: PEOPLE.requester, teamId: 'T0TEAM0001', userName: 'alice' },
      channelId: 'C0OPS00001',
      requested: {
        accounts: [ACCOUNT.id],
        organizationalUnits: [],
        excludeAccounts: [],
        regions: [...REGIONS],
      },
    },
    lockKeys: [...DEFAULT_LOCK_KEYS],
    slack: { approvalsChannel: 'C0APPROVAL' },
    ...rest,
  };
}

/** When the default change was approved: an hour after it was opened, a day before it expires. */
export const APPROVED_AT = '2026-06-02T02:00:00.000Z';

/** The default change with both levels of `prod-change` passed (bob, then carol): approved, lock-holding. */
export function anApprovedChange(overrides: StoredChangeOverrides = {}): StoredChange {
  return aStoredChange({
    ...overrides,
    request: {
      status: 'approved',
      level: 2,
      votes: [
        { level: 0, userId: PEOPLE.bob, at: APPROVED_AT },
        { level: 1, userId: PEOPLE.carol, at: APPROVED_AT },
      ],
      updatedAt: APPROVED_AT,
      version: 3,
      ...overrides.request,
    },
  });
}
