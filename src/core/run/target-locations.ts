// A multi-account run's targets as SSM's TargetLocations: each location is accounts × regions, so a set of
// pairs that is not a full product (a retry of some of them) becomes one location per set of regions.
import type { Target } from '../organization/organization.js';

/** One TargetLocation: every account in every region. */
export interface TargetLocationGroup {
  accountIds: string[];
  regions: string[];
}

/** SSM's limits on one TargetLocation (StartAutomationExecution allows 1 to 100 locations). */
export const ACCOUNTS_PER_LOCATION = 50;
export const REGIONS_PER_LOCATION = 50;

/**
 * Exactly `targets`, as few locations as grouping accounts by their set of regions gives: a run of accounts ×
 * regions is one group (split by 50 accounts), and a retry of payments in two regions and search in one is two.
 * Accounts keep the order of `targets`, regions the order they first appear for the account.
 */
export function groupTargetLocations(targets: readonly Target[]): TargetLocationGroup[] {
  const regionsOf = new Map<string, string[]>();
  for (const { accountId, region } of targets) {
    const regions = regionsOf.get(accountId) ?? [];
    if (!regions.includes(region)) regions.push(region);
    regionsOf.set(accountId, regions);
  }
  const groups = new Map<string, TargetLocationGroup>();
  for (const [accountId, regions] of regionsOf) {
    const key = [...regions].sort().join(',');
    const group = groups.get(key) ?? { accountIds: [], regions };
    group.accountIds.push(accountId);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((group) =>
    chunks(group.accountIds, ACCOUNTS_PER_LOCATION).flatMap((accountIds) =>
      chunks(group.regions, REGIONS_PER_LOCATION).map((regions) => ({ accountIds, regions })),
    ),
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
