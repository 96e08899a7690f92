// Reads patch compliance from every active account in every enabled region and keeps it: the scheduled job's flow.
import type { ComplianceSnapshot } from '../core/compliance/patch-compliance.js';
import type { Organization, Target } from '../core/organization/organization.js';
import type { ComplianceServices } from './compliance-services.js';
import type { RunContext } from './run-context.js';

/** Every place a snapshot covers: active accounts, the management account aside (as `--accounts all` does). */
export function organizationPlaces(organization: Organization, regions: readonly string[]): Target[] {
  return organization.accounts
    .filter((account) => account.status === 'ACTIVE' && account.id !== organization.managementAccountId)
    .flatMap((account) => regions.map((region) => ({ accountId: account.id, region })));
}

export async function refreshCompliance(
  run: Pick<RunContext, 'accounts' | 'settings' | 'now'>,
  compliance: Pick<ComplianceServices, 'reader' | 'cache'>,
): Promise<ComplianceSnapshot> {
  const organization = await run.accounts.organization();
  const places = await compliance.reader.read(organizationPlaces(organization, run.settings.enabledRegions));
  const snapshot = { readAt: run.now(), places };
  await compliance.cache.put(snapshot);
  return snapshot;
}
