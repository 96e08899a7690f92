// Rolls places' patch compliance up into organization totals, accounts worst first, and places not read.
import type { Target } from '../organization/organization.js';
import type { InstancePatchCompliance, PlaceCompliance, UnreadableReason } from './patch-compliance.js';

/** Instance counts and missing patches of some set of instances. */
export interface ComplianceCounts {
  instances: number;
  compliant: number;
  nonCompliant: number;
  /** Missing critical patches, summed over instances. */
  critical: number;
  /** Missing security patches, summed over instances. */
  security: number;
  /** Missing patches of any kind, summed over instances. */
  missing: number;
}

export interface RegionCompliance extends ComplianceCounts {
  region: string;
}

export interface AccountCompliance extends ComplianceCounts {
  accountId: string;
  accountName: string;
  /** Regions read in this account, worst first. */
  regions: RegionCompliance[];
}

export interface UnreadablePlace {
  target: Target;
  accountName: string;
  reason: UnreadableReason;
  message: string;
}

export interface ComplianceRollUp {
  totals: ComplianceCounts;
  /** Accounts read, worst first (critical, then security, then non-compliant instances, then missing). */
  accounts: AccountCompliance[];
  unreadable: UnreadablePlace[];
  /** Account × region pairs with a non-compliant instance: where a patch run goes. */
  nonCompliantTargets: Target[];
  /** Every non-compliant instance, worst first: what the CSV lists. */
  nonCompliantInstances: InstancePatchCompliance[];
}

const ZERO: ComplianceCounts = {
  instances: 0,
  compliant: 0,
  nonCompliant: 0,
  critical: 0,
  security: 0,
  missing: 0,
};

function count(instances: readonly InstancePatchCompliance[]): ComplianceCounts {
  return instances.reduce(
    (sum, instance) => ({
      instances: sum.instances + 1,
      compliant: sum.compliant + (instance.compliant ? 1 : 0),
      nonCompliant: sum.nonCompliant + (instance.compliant ? 0 : 1),
      critical: sum.critical + instance.critical,
      security: sum.security + instance.security,
      missing: sum.missing + instance.missing,
    }),
    ZERO,
  );
}

/** Worst first: critical findings outrank security ones, which outrank how many instances are behind. */
export function worstFirst(a: ComplianceCounts, b: ComplianceCounts): number {
  return (
    b.critical - a.critical ||
    b.security - a.security ||
    b.nonCompliant - a.nonCompliant ||
    b.missing - a.missing
  );
}

const worstInstanceFirst = (a: InstancePatchCompliance, b: InstancePatchCompliance) =>
  b.critical - a.critical ||
  b.security - a.security ||
  b.missing - a.missing ||
  b.failed - a.failed ||
  a.accountId.localeCompare(b.accountId) ||
  a.region.localeCompare(b.region) ||
  a.instanceId.localeCompare(b.instanceId);

/** Pure: `accountNames` maps ids to names (an id stands in for a name it lacks). */
export function rollUpCompliance(
  places: readonly PlaceCompliance[],
  accountNames: ReadonlyMap<string, string>,
): ComplianceRollUp {
  const nameOf = (accountId: string) => accountNames.get(accountId) ?? accountId;
  const byAccount = new Map<string, Map<string, InstancePatchCompliance[]>>();
  const unreadable: UnreadablePlace[] = [];
  for (const place of places) {
    if (place.kind === 'unreadable') {
      const { target, reason, message } = place;
      unreadable.push({ target, accountName: nameOf(target.accountId), reason, message });
      continue;
    }
    const regions = byAccount.get(place.target.accountId) ?? new Map();
    regions.set(place.target.region, [...(regions.get(place.target.region) ?? []), ...place.instances]);
    byAccount.set(place.target.accountId, regions);
  }
  const accounts = [...byAccount].map(([accountId, regions]): AccountCompliance => {
    const regionCounts = [...regions]
      .map(([region, instances]) => ({ region, ...count(instances) }))
      .sort((a, b) => worstFirst(a, b) || a.region.localeCompare(b.region));
    return {
      accountId,
      accountName: nameOf(accountId),
      ...count([...regions.values()].flat()),
      regions: regionCounts,
    };
  });
  accounts.sort((a, b) => worstFirst(a, b) || a.accountName.localeCompare(b.accountName, 'en'));
  const instances = places.flatMap((place) => (place.kind === 'read' ? place.instances : []));
  unreadable.sort(
    (a, b) =>
      a.accountName.localeCompare(b.accountName, 'en') || a.target.region.localeCompare(b.target.region),
  );
  return {
    totals: count(instances),
    accounts,
    unreadable,
    nonCompliantTargets: accounts.flatMap((account) =>
      account.regions
        .filter((region) => region.nonCompliant > 0)
        .map((region) => ({ accountId: account.accountId, region: region.region })),
    ),
    nonCompliantInstances: instances.filter((instance) => !instance.compliant).sort(worstInstanceFirst),
  };
}
