// The findings of one member account: its roles (the same in every region) and each region's own.
import { roleArn } from '../organization/arn.js';
import type { AccountObservations, Probe, RegionObservations } from './observations.js';
import {
  accountRoot,
  blockingWhen,
  type DoctorSettings,
  type Finding,
  roleFix,
  trustPolicy,
} from './readiness-problem.js';

const usesMultiAccount = (settings: DoctorSettings) => settings.modesInUse.includes('multi-account');
const usesFanOut = (settings: DoctorSettings) => settings.modesInUse.includes('fan-out');

const unchecked = (what: string, probe: Probe & { kind: 'unknown' }, fix: string): Finding => ({
  code: 'unchecked',
  severity: 'warning',
  explanation: `could not check ${what}: ${probe.detail}`,
  fix,
});

/** One account's roles, as each of its regions shows them (IAM is global). */
export function roleFindings(
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

/** One region of one account: enabled, and events forwarded (only asked where it is enabled). */
export function regionFindings(accountId: string, seen: RegionObservations): Finding[] {
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

const rerun = (accountId: string, region?: string) =>
  `ssm-chatops doctor --accounts ${accountId}${region ? ` --regions ${region}` : ''} (AWS did not answer in time)`;
