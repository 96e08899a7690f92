// The readiness check's verdict: observations in, findings out (each with its fix), and whether runs are blocked.
import type { AccountObservations, OrganizationObservations, SlackObservations } from './observations.js';
import { organizationFindings, slackFindings } from './organization-findings.js';
import { regionFindings, roleFindings } from './place-findings.js';
import type { DoctorSettings, Finding } from './readiness-problem.js';

/** One cell of the account × region matrix. */
export interface PlaceVerdict {
  accountId: string;
  accountName?: string;
  region: string;
  findings: Finding[];
}

export interface DoctorReport {
  /** The account the bot runs in. */
  callerAccountId: string;
  /** Organization-wide and Slack findings. */
  organization: Finding[];
  /** Every account × region checked, in the order the accounts were given. */
  places: PlaceVerdict[];
  regions: string[];
  /** Distinct problems (one per fix): a role missing in an account counts once, not once per region. */
  blocking: number;
  warnings: number;
  /** 1 when anything blocks runs: what the CLI exits with. */
  exitCode: 0 | 1;
}

export interface DoctorObservations {
  organization: OrganizationObservations;
  accounts: AccountObservations[];
  slack?: SlackObservations;
  regions: string[];
}

export function diagnoseOrganization(seen: DoctorObservations, settings: DoctorSettings): DoctorReport {
  const organization = [
    ...organizationFindings(seen.organization, settings),
    ...(seen.slack ? slackFindings(seen.slack) : []),
  ];
  const operationsAccountId = seen.organization.caller.accountId;
  const places = seen.accounts.flatMap((account) => {
    const roles = roleFindings(account, operationsAccountId, settings);
    return account.regions.map(
      (region): PlaceVerdict => ({
        accountId: account.accountId,
        ...(account.name !== undefined && { accountName: account.name }),
        region: region.region,
        findings: [...roles, ...regionFindings(account.accountId, region)],
      }),
    );
  });
  // A role missing in an account shows in each of its regions, but is one problem to fix.
  const distinct = new Map(
    [...organization, ...places.flatMap((place) => place.findings)].map((finding) => [
      `${finding.code}|${finding.fix}`,
      finding,
    ]),
  );
  const all = [...distinct.values()];
  const blocking = all.filter((finding) => finding.severity === 'blocking').length;
  return {
    callerAccountId: operationsAccountId,
    organization,
    places,
    regions: seen.regions,
    blocking,
    warnings: all.length - blocking,
    exitCode: blocking > 0 ? 1 : 0,
  };
}
