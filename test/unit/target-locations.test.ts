// groupTargetLocations: exactly a run's pairs as SSM TargetLocations (accounts × regions, ≤ 50 accounts each).
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/core/organization/organization.js';
import { groupTargetLocations } from '../../src/core/run/target-locations.js';

const pair = (accountId: string, region: string): Target => ({ accountId, region });
const expand = (groups: ReturnType<typeof groupTargetLocations>) =>
  groups
    .flatMap((group) =>
      group.accountIds.flatMap((accountId) => group.regions.map((r) => `${accountId}:${r}`)),
    )
    .sort();

describe('groupTargetLocations', () => {
  it('when the run is accounts × regions, then it is one location', () => {
    const targets = ['1', '2'].flatMap((a) => ['us-east-1', 'ap-northeast-1'].map((r) => pair(a, r)));
    expect(groupTargetLocations(targets)).toEqual([
      { accountIds: ['1', '2'], regions: ['us-east-1', 'ap-northeast-1'] },
    ]);
  });

  it('when accounts have different sets of regions, then each set is its own location, and nothing more runs', () => {
    const targets = [
      pair('1', 'us-east-1'),
      pair('1', 'ap-northeast-1'),
      pair('2', 'ap-northeast-1'),
      pair('3', 'ap-northeast-1'),
      pair('3', 'us-east-1'),
    ];
    const groups = groupTargetLocations(targets);
    expect(groups).toEqual([
      { accountIds: ['1', '3'], regions: ['us-east-1', 'ap-northeast-1'] },
      { accountIds: ['2'], regions: ['ap-northeast-1'] },
    ]);
    expect(expand(groups)).toEqual(targets.map((t) => `${t.accountId}:${t.region}`).sort());
  });

  it('when a group has more than 50 accounts, then it is split into locations of at most 50', () => {
    const targets = Array.from({ length: 120 }, (_, i) => pair(String(100000000000 + i), 'us-east-1'));
    const groups = groupTargetLocations(targets);
    expect(groups.map((group) => group.accountIds.length)).toEqual([50, 50, 20]);
    expect(expand(groups)).toHaveLength(120);
  });
});
