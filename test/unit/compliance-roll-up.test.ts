// The compliance roll-up: organization totals, accounts worst first, places not read, where a patch run goes.
import { describe, expect, it } from 'vitest';
import type { InstancePatchCompliance, PlaceCompliance } from '../../src/core/compliance/patch-compliance.js';
import { rollUpCompliance } from '../../src/core/compliance/roll-up-compliance.js';

let serial = 0;
function anInstance(
  accountId: string,
  region: string,
  missing: Partial<Pick<InstancePatchCompliance, 'missing' | 'critical' | 'security' | 'failed'>> = {},
): InstancePatchCompliance {
  const counts = { missing: 0, critical: 0, security: 0, failed: 0, ...missing };
  return {
    instanceId: `i-0${String(++serial).padStart(16, '0')}`,
    accountId,
    region,
    compliant: counts.missing === 0 && counts.failed === 0,
    ...counts,
  };
}
const read = (accountId: string, region: string, instances: InstancePatchCompliance[]): PlaceCompliance => ({
  kind: 'read',
  target: { accountId, region },
  instances,
});
const NAMES = new Map([
  ['111111111111', 'alpha'],
  ['222222222222', 'bravo'],
  ['333333333333', 'charlie'],
]);

describe('rollUpCompliance', () => {
  it('when places are read, then the totals count instances and sum missing critical and security patches', () => {
    const rollUp = rollUpCompliance(
      [
        read('111111111111', 'us-east-1', [
          anInstance('111111111111', 'us-east-1'),
          anInstance('111111111111', 'us-east-1', { missing: 5, critical: 2, security: 3 }),
        ]),
        read('222222222222', 'eu-west-1', [anInstance('222222222222', 'eu-west-1', { missing: 1 })]),
      ],
      NAMES,
    );
    expect(rollUp.totals).toEqual({
      instances: 3,
      compliant: 1,
      nonCompliant: 2,
      critical: 2,
      security: 3,
      missing: 6,
    });
  });

  it('when accounts differ, then critical findings outrank security ones, which outrank instance counts', () => {
    const rollUp = rollUpCompliance(
      [
        read('111111111111', 'us-east-1', [
          anInstance('111111111111', 'us-east-1', { missing: 9 }),
          anInstance('111111111111', 'us-east-1', { missing: 9 }),
        ]),
        read('222222222222', 'us-east-1', [
          anInstance('222222222222', 'us-east-1', { missing: 1, critical: 1 }),
        ]),
        read('333333333333', 'us-east-1', [
          anInstance('333333333333', 'us-east-1', { missing: 2, security: 2 }),
        ]),
      ],
      NAMES,
    );
    expect(rollUp.accounts.map((account) => account.accountName)).toEqual(['bravo', 'charlie', 'alpha']);
  });

  it('when an account is read in several regions, then its regions are listed worst first and only non-compliant ones are patch targets', () => {
    const rollUp = rollUpCompliance(
      [
        read('111111111111', 'ap-northeast-1', [anInstance('111111111111', 'ap-northeast-1')]),
        read('111111111111', 'us-east-1', [
          anInstance('111111111111', 'us-east-1', { missing: 3, security: 1 }),
        ]),
      ],
      NAMES,
    );
    expect(rollUp.accounts[0]!.regions.map((region) => region.region)).toEqual([
      'us-east-1',
      'ap-northeast-1',
    ]);
    expect(rollUp.nonCompliantTargets).toEqual([{ accountId: '111111111111', region: 'us-east-1' }]);
  });

  it('when a place could not be read, then it is listed with its reason and counts for nothing', () => {
    const rollUp = rollUpCompliance(
      [
        read('111111111111', 'us-east-1', []),
        {
          kind: 'unreadable',
          target: { accountId: '999999999999', region: 'us-east-1' },
          reason: 'no-read-role',
          message: 'cannot assume SsmChatOpsReadOnly',
        },
      ],
      NAMES,
    );
    expect(rollUp.unreadable).toEqual([
      {
        target: { accountId: '999999999999', region: 'us-east-1' },
        accountName: '999999999999',
        reason: 'no-read-role',
        message: 'cannot assume SsmChatOpsReadOnly',
      },
    ]);
    expect(rollUp.totals.instances).toBe(0);
    expect(rollUp.accounts.map((account) => account.accountId)).toEqual(['111111111111']);
  });

  it('when instances fail a patch without missing any, then they are non-compliant and listed for the CSV worst first', () => {
    const failed = anInstance('111111111111', 'us-east-1', { failed: 1 });
    const critical = anInstance('222222222222', 'us-east-1', { missing: 1, critical: 1 });
    const rollUp = rollUpCompliance(
      [read('111111111111', 'us-east-1', [failed]), read('222222222222', 'us-east-1', [critical])],
      NAMES,
    );
    expect(rollUp.totals.nonCompliant).toBe(2);
    expect(rollUp.nonCompliantInstances.map((instance) => instance.instanceId)).toEqual([
      critical.instanceId,
      failed.instanceId,
    ]);
  });

  it('when nothing was read, then everything is zero and no target is proposed', () => {
    expect(rollUpCompliance([], NAMES)).toMatchObject({
      totals: { instances: 0, nonCompliant: 0 },
      accounts: [],
      nonCompliantTargets: [],
    });
  });
});
