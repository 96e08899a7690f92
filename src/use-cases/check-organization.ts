// The organization readiness check (`ssm-chatops doctor`, `/ssm doctor`): look at the organization, then at
// every member account a few at a time (AWS's pace: each account is a handful of AssumeRoles), then judge.

import {
  type DoctorObservations,
  type DoctorReport,
  diagnoseOrganization,
} from '../core/doctor/diagnose-organization.js';
import type { AccountObservations, SlackObservations } from '../core/doctor/observations.js';
import type { DoctorSettings } from '../core/doctor/readiness-problem.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import type { AccountDirectory, OrganizationInspector, SlackInspector } from '../ports.js';

export interface CheckOrganizationRequest {
  /** Account ids to check; default: every ACTIVE account but the management account and the bot's own. */
  accounts?: readonly string[];
  regions: readonly string[];
  /** Change Calendars the approval templates name. */
  calendars: readonly string[];
  /** The configured Slack channels the bot must be in; the Slack side is checked only with a SlackInspector. */
  channels?: ReadonlyArray<{ channelId: string; purpose: string }>;
}

export interface CheckOrganizationDependencies {
  inspector: OrganizationInspector;
  directory: AccountDirectory;
  slack?: SlackInspector;
  settings: DoctorSettings;
  /**
   * Accounts inspected at once (default 16). Each is up to five AssumeRoles and two calls per region; the SDK
   * retries throttling with backoff, so this bounds the burst and AWS sets the pace.
   */
  accountsAtOnce?: number;
}

/** Progress after the organization and after each account: what the CLI prints and the Slack message shows. */
export interface CheckProgress {
  checkedAccounts: number;
  totalAccounts: number;
}

export async function checkOrganization(
  dependencies: CheckOrganizationDependencies,
  request: CheckOrganizationRequest,
  onProgress: (progress: CheckProgress) => void = () => {},
): Promise<DoctorReport> {
  const { inspector, slack } = dependencies;
  const [organization, slackSeen] = await Promise.all([
    inspector.inspectOrganization(request.calendars),
    slack ? slack.inspect(request.channels ?? []) : Promise.resolve<SlackObservations | undefined>(undefined),
  ]);
  const names = await accountNames(dependencies.directory, organization.organization.kind === 'read');
  const accountIds =
    request.accounts ??
    [...names.members].filter(
      (id) =>
        organization.organization.kind === 'read' &&
        id !== organization.organization.managementAccountId &&
        id !== organization.caller.accountId,
    );
  const totalAccounts = accountIds.length;
  let checkedAccounts = 0;
  onProgress({ checkedAccounts, totalAccounts });
  const accounts = await mapConcurrently(
    accountIds,
    dependencies.accountsAtOnce ?? 16,
    async (accountId): Promise<AccountObservations> => {
      const seen = await inspector.inspectAccount(accountId, request.regions);
      onProgress({ checkedAccounts: ++checkedAccounts, totalAccounts });
      const name = names.byId.get(accountId);
      return name === undefined ? seen : { ...seen, name };
    },
  );
  const observations: DoctorObservations = {
    organization,
    accounts,
    regions: [...request.regions],
    ...(slackSeen && { slack: slackSeen }),
  };
  return diagnoseOrganization(observations, dependencies.settings);
}

/** Account names for the matrix, and the ACTIVE ones in the organization's order; empty when it cannot be read. */
async function accountNames(directory: AccountDirectory, readable: boolean) {
  const byId = new Map<string, string>();
  const members: string[] = [];
  if (!readable) return { byId, members };
  const organization = await directory.organization();
  for (const account of organization.accounts) {
    byId.set(account.id, account.name);
    if (account.status === 'ACTIVE') members.push(account.id);
  }
  return { byId, members };
}
