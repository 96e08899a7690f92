// The organization-wide findings: trusted access, the delegated administrator and where the bot runs, the
// Administration role, the calendars; and the Slack side (scopes, channels).
import type { OrganizationObservations, Probe, SlackObservations } from './observations.js';
import {
  accountRoot,
  blockingWhen,
  type DoctorSettings,
  type Finding,
  SYSTEMS_MANAGER_PRINCIPAL,
} from './readiness-problem.js';

/** Trusted access, delegated administrator, where the bot runs, the Administration role, the calendars. */
export function organizationFindings(seen: OrganizationObservations, settings: DoctorSettings): Finding[] {
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
      severity: blockingWhen(settings.modesInUse.includes('multi-account')),
      explanation:
        `${name} in account ${caller} is missing or does not trust Systems Manager and this account, so ` +
        `multi-account runs cannot start (and the member roles cannot be checked): ${probe.detail}`,
      fix:
        `in account ${caller}, deploy the operations-account template (README "Deploy to AWS"), or fix the ` +
        `role's trust: aws iam update-assume-role-policy --role-name ${name} --policy-document '${trust}'`,
    },
  ];
}

/** The token's missing scopes and the configured channels the bot is not in. */
export function slackFindings(seen: SlackObservations): Finding[] {
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
