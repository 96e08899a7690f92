// The catalog of what the readiness check can find: each problem's code, whether it blocks runs, one line
// saying what is wrong, and the fix (the exact command or console step).
import type { RunMode } from '../command/ssm-command.js';
import { arn } from '../organization/arn.js';

/** `blocking`: runs fail because of it (the check exits non-zero). `warning`: runs work, worse than they should. */
export type Severity = 'blocking' | 'warning';

export type OrganizationProblemCode =
  | 'organization-unreadable'
  | 'trusted-access-disabled'
  | 'no-delegated-administrator'
  | 'bot-outside-operations-account'
  | 'bot-in-management-account'
  | 'administration-role-not-assumable'
  | 'calendar-missing'
  | 'calendar-unchecked'
  | 'slack-scope-missing'
  | 'slack-scopes-unchecked'
  | 'slack-not-in-channel'
  | 'slack-channel-unchecked';

export type PlaceProblemCode =
  | 'execution-role-not-trusted'
  | 'read-role-not-assumable'
  | 'fan-out-role-not-assumable'
  | 'external-id-not-required'
  | 'region-not-enabled'
  | 'forwarding-rule-missing'
  | 'unchecked';

export type ProblemCode = OrganizationProblemCode | PlaceProblemCode;

/** Problems of an account's roles (IAM is global): the same in each of its regions, shown once per account. */
export const ACCOUNT_WIDE_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'execution-role-not-trusted',
  'read-role-not-assumable',
  'fan-out-role-not-assumable',
  'external-id-not-required',
]);

/** One problem found, ready to show: what, how bad, and how to fix it. */
export interface Finding {
  code: ProblemCode;
  severity: Severity;
  /** One line: what is wrong, with AWS's or Slack's words when they help. */
  explanation: string;
  /** The exact command or console step that fixes it. */
  fix: string;
}

/** What the fixes need to name: the configured roles, the operations account, the modes runs use. */
export interface DoctorSettings {
  homeRegion: string;
  administrationRoleName: string;
  executionRoleName: string;
  fanOutRoleName: string;
  readRoleName: string;
  externalId?: string;
  /** The modes runs use (runs.defaultMode and runs.modeByRunbook): a role only one mode needs blocks only then. */
  modesInUse: readonly RunMode[];
}

export const SYSTEMS_MANAGER_PRINCIPAL = 'ssm.amazonaws.com';

/** A trust policy document as `aws iam update-assume-role-policy` takes it, on one line. */
export function trustPolicy(principal: string, externalId?: string): string {
  const condition = externalId ? `,"Condition":{"StringEquals":{"sts:ExternalId":"${externalId}"}}` : '';
  return (
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${principal}"},` +
    `"Action":"sts:AssumeRole"${condition}}]}`
  );
}

/** How a role in a member account is fixed: the StackSet deploys it; one role by hand is the command. */
export function roleFix(accountId: string, roleName: string, principal: string, externalId?: string): string {
  return (
    `in account ${accountId}, create ${roleName} from the member-account StackSet (README "Deploy to AWS"), ` +
    `or fix its trust: aws iam update-assume-role-policy --role-name ${roleName} ` +
    `--policy-document '${trustPolicy(principal, externalId)}'`
  );
}

export const blockingWhen = (condition: boolean): Severity => (condition ? 'blocking' : 'warning');

/** The account itself (its root ARN), as a trust policy names it. */
export const accountRoot = (accountId: string): string =>
  arn({ service: 'iam', accountId, resource: 'root' });
