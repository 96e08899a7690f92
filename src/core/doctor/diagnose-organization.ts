// The readiness check's verdict: observations in, findings out (each with its fix), and whether runs are blocked.
import { arn, roleArn } from '../organization/arn.js';
import type {
  AccountObservations,
  OrganizationObservations,
  Probe,
  RegionObservations,
  SlackObservations,
} from './observations.js';
import {
  blockingWhen,
  type DoctorSettings,
  type Finding,
  roleFix,
  SYSTEMS_MANAGER_PRINCIPAL,
  trustPolicy,
} from './readiness-problem.js';

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

const usesMultiAccount = (settings: DoctorSettings) => settings.modesInUse.includes('multi-account');
const usesFanOut = (settings: DoctorSettings) => settings.modesInUse.includes('fan-out');

const unchecked = (what: string, probe: Probe & { kind: 'unknown' }, fix: string): Finding => ({
  code: 'unchecked',
  severity: 'warning',
  explanation: `could not check ${what}: ${probe.detail}`,
  fix,
});

function organizationFindings(seen: OrganizationObservations, settings: DoctorSettings): Finding[] {
  const findings: Finding[] = [];
  const caller = seen.caller.accountId;
  const register = (accountId: string) =>
    `from the management account: aws organizations register-delegated-administrator --account-id ${accountId} ` +
    `--service-principal ${SYSTEMS_MANAGER_PRINCIPAL}`;
  const org = seen.organization;
  if (org.kind === 'unreadable') {
    findings.push({
      code: 'organization-unreadable',
      severity: 'blocking',
      explanation:
        `the bot (account ${caller}) cannot read the organization, so --accounts all and --ou cannot be ` +
        `resolved: ${org.detail}`,
      fix: register(caller),
    });
  } else {
    if (!org.trustedServices.includes(SYSTEMS_MANAGER_PRINCIPAL)) {
      findings.push({
        code: 'trusted-access-disabled',
        severity: 'blocking',
        explanation:
          'Systems Manager has no trusted access to the organization: its organization features and its ' +
          'delegated administrator do not work without it',
        fix: `from the management account: aws organizations enable-aws-service-access --service-principal ${SYSTEMS_MANAGER_PRINCIPAL}`,
      });
    }
    const admins = org.delegatedAdministrators;
    if (caller === org.managementAccountId) {
      findings.push({
        code: 'bot-in-management-account',
        severity: 'warning',
        explanation:
          'the bot runs in the management account; AWS recommends running operations from a delegated ' +
          'administrator account instead',
        fix: `${register('<operations account>')}, then run the bot with that account's credentials`,
      });
      if (admins.length === 0) {
        findings.push({
          code: 'no-delegated-administrator',
          severity: 'warning',
          explanation: 'no account is registered as Systems Manager\u2019s delegated administrator',
          fix: register('<operations account>'),
        });
      }
    } else if (!admins.includes(caller)) {
      findings.push({
        code: 'bot-outside-operations-account',
        severity: 'blocking',
        explanation:
          `the bot runs in account ${caller}, which is not Systems Manager\u2019s delegated administrator` +
          (admins.length > 0 ? ` (${admins.join(', ')} is)` : ' (no account is)'),
        fix:
          admins.length > 0
            ? `run the bot with credentials of account ${admins[0]}, or ${register(caller)}`
            : register(caller),
      });
    }
  }
  findings.push(...administrationRoleFindings(seen.administrationRole, caller, settings));
  for (const calendar of seen.calendars) {
    if (calendar.probe.kind === 'fail') {
      findings.push({
        code: 'calendar-missing',
        severity: 'blocking',
        explanation: `Change Calendar ${calendar.name}, named by an approval template, does not exist in account ${caller} (${settings.homeRegion}): ${calendar.probe.detail}`,
        fix:
          `aws ssm create-document --region ${settings.homeRegion} --name ${calendar.name} ` +
          `--document-type ChangeCalendar --document-format TEXT --content file://${calendar.name}.ics, ` +
          'or take it out of the approval template',
      });
    } else if (calendar.probe.kind === 'unknown') {
      findings.push({
        code: 'calendar-unchecked',
        severity: 'warning',
        explanation: `could not check Change Calendar ${calendar.name}: ${calendar.probe.detail}`,
        fix: 'run the check again; the bot needs ssm:GetCalendarState on the calendar',
      });
    }
  }
  return findings;
}

function administrationRoleFindings(probe: Probe, caller: string, settings: DoctorSettings): Finding[] {
  const name = settings.administrationRoleName;
  if (probe.kind === 'pass') return [];
  if (probe.kind === 'unknown') {
    return [
      {
        code: 'unchecked',
        severity: 'warning',
        explanation: `could not check ${name}: ${probe.detail}`,
        fix: 'run the check again',
      },
    ];
  }
  const trust =
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"${SYSTEMS_MANAGER_PRINCIPAL}",` +
    `"AWS":"${accountRoot(caller)}"},"Action":"sts:AssumeRole"}]}`;
  return [
    {
      code: 'administration-role-not-assumable',
      severity: blockingWhen(usesMultiAccount(settings)),
      explanation:
        `${name} in account ${caller} is missing or does not trust Systems Manager and this account, so ` +
        `multi-account runs cannot start (and the member roles cannot be checked): ${probe.detail}`,
      fix:
        `in account ${caller}, deploy the operations-account template (README "Deploy to AWS"), or fix the ` +
        `role's trust: aws iam update-assume-role-policy --role-name ${name} --policy-document '${trust}'`,
    },
  ];
}

function roleFindings(
  account: AccountObservations,
  operationsAccountId: string,
  settings: DoctorSettings,
): Finding[] {
  const id = account.accountId;
  const findings: Finding[] = [];
  const bot = accountRoot(operationsAccountId);
  const execution = account.executionRole;
  if (execution.kind === 'fail') {
    findings.push({
      code: 'execution-role-not-trusted',
      severity: blockingWhen(usesMultiAccount(settings)),
      explanation: `${settings.executionRoleName} is missing in ${id} or does not trust ${settings.administrationRoleName}: multi-account runs fail there`,
      fix: roleFix(
        id,
        settings.executionRoleName,
        roleArn(operationsAccountId, settings.administrationRoleName),
      ),
    });
  } else if (execution.kind === 'unknown') {
    findings.push(unchecked(`${settings.executionRoleName} in ${id}`, execution, rerun(id)));
  }
  const read = account.readRole;
  if (read.kind === 'fail') {
    findings.push({
      code: 'read-role-not-assumable',
      severity: 'blocking',
      explanation: `the bot cannot assume ${settings.readRoleName} in ${id} (missing, or its trust does not name the bot and its ExternalId): runs there cannot be followed`,
      fix: roleFix(id, settings.readRoleName, bot, settings.externalId),
    });
  } else if (read.kind === 'unknown') {
    findings.push(unchecked(`${settings.readRoleName} in ${id}`, read, rerun(id)));
  }
  const fanOut = account.fanOutRole;
  if (fanOut.kind === 'fail') {
    findings.push({
      code: 'fan-out-role-not-assumable',
      severity: blockingWhen(usesFanOut(settings)),
      explanation: `the bot cannot assume ${settings.fanOutRoleName} in ${id} (missing, or its trust does not name the bot and its ExternalId): fan-out runs fail there`,
      fix: roleFix(id, settings.fanOutRoleName, bot, settings.externalId),
    });
  } else if (fanOut.kind === 'unknown') {
    findings.push(unchecked(`${settings.fanOutRoleName} in ${id}`, fanOut, rerun(id)));
  }
  if (account.fanOutRequiresExternalId.kind === 'fail' && settings.externalId) {
    findings.push({
      code: 'external-id-not-required',
      severity: 'warning',
      explanation: `${settings.fanOutRoleName} in ${id} can be assumed without the ExternalId, so it does not guard against the confused deputy`,
      fix: `in account ${id}: aws iam update-assume-role-policy --role-name ${settings.fanOutRoleName} --policy-document '${trustPolicy(bot, settings.externalId)}'`,
    });
  }
  return findings;
}

function regionFindings(accountId: string, seen: RegionObservations): Finding[] {
  const region = seen.region;
  if (seen.enabled.kind === 'fail') {
    return [
      {
        code: 'region-not-enabled',
        severity: 'warning',
        explanation: `${region} is not enabled in ${accountId}: AWS refuses the account's credentials there, so runs targeting it fail there`,
        fix: `from the management account: aws account enable-region --account-id ${accountId} --region-name ${region}, or leave ${region} out of runs for this account`,
      },
    ];
  }
  const findings: Finding[] = [];
  if (seen.enabled.kind === 'unknown') {
    findings.push(
      unchecked(`whether ${region} is enabled in ${accountId}`, seen.enabled, rerun(accountId, region)),
    );
  }
  if (seen.forwarding.kind === 'fail') {
    findings.push({
      code: 'forwarding-rule-missing',
      severity: 'warning',
      explanation: `no rule forwards Automation status events from ${accountId} ${region}: the bot learns of status changes there only by polling, later`,
      fix: 'ssm-chatops events setup (or the member-account StackSet with event forwarding on)',
    });
  } else if (seen.forwarding.kind === 'unknown') {
    findings.push(
      unchecked(`event forwarding in ${accountId} ${region}`, seen.forwarding, rerun(accountId, region)),
    );
  }
  return findings;
}

function slackFindings(seen: SlackObservations): Finding[] {
  const findings: Finding[] = [];
  if (seen.scopes.kind === 'unknown') {
    findings.push({
      code: 'slack-scopes-unchecked',
      severity: 'warning',
      explanation: `could not read the token's scopes: ${seen.scopes.detail}`,
      fix: 'check SLACK_BOT_TOKEN, then run the check again',
    });
  } else if (seen.scopes.missing.length > 0) {
    findings.push({
      code: 'slack-scope-missing',
      severity: 'blocking',
      explanation: `the bot token lacks scopes the bot calls for: ${seen.scopes.missing.join(', ')}`,
      fix: 'add them under OAuth & Permissions → Bot Token Scopes (manifest.yml lists every scope), then reinstall the app',
    });
  }
  for (const channel of seen.channels) {
    if (channel.member.kind === 'fail') {
      findings.push({
        code: 'slack-not-in-channel',
        severity: 'blocking',
        explanation: `the bot is not a member of the ${channel.purpose} channel ${channel.channelId}: ${channel.member.detail}`,
        fix: `in channel ${channel.channelId}: /invite @ssm-chatops`,
      });
    } else if (channel.member.kind === 'unknown') {
      findings.push({
        code: 'slack-channel-unchecked',
        severity: 'warning',
        explanation: `could not check the ${channel.purpose} channel ${channel.channelId}: ${channel.member.detail}`,
        fix: `check that slack.channels names an existing channel, then run the check again`,
      });
    }
  }
  return findings;
}

const rerun = (accountId: string, region?: string) =>
  `ssm-chatops doctor --accounts ${accountId}${region ? ` --regions ${region}` : ''} (AWS did not answer in time)`;

/** The account itself (its root ARN), as a trust policy names it. */
const accountRoot = (accountId: string) => arn({ service: 'iam', accountId, resource: 'root' });
