// Reads a bus policy for the statement setup puts: Allow events:PutEvents to the organization's accounts.

export type PermissionStatus = 'present' | 'different' | 'absent';

interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Whether the policy has statement `statementId` and it grants what PutPermission with Principal `*` and an
 * `aws:PrincipalOrgID` condition would: `different` means a statement of that id says something else.
 */
export function organizationPermission(
  policy: string | undefined,
  expected: { statementId: string; organizationId: string; busArn: string },
): PermissionStatus {
  const statement = statementsOf(policy).find((candidate) => candidate.Sid === expected.statementId);
  if (!statement) return 'absent';
  const everyone = isEveryone(statement.Principal);
  const orgId = statement.Condition?.StringEquals?.['aws:PrincipalOrgID'];
  const grants =
    statement.Effect === 'Allow' &&
    everyone &&
    listOf(statement.Action).includes('events:PutEvents') &&
    (statement.Resource === undefined || listOf(statement.Resource).includes(expected.busArn)) &&
    orgId === expected.organizationId;
  return grants ? 'present' : 'different';
}

/**
 * PutPermission's Principal `*` comes back as `"*"`, `{"AWS": "*"}` or `{"AWS": "arn:aws:iam::*:root"}`
 * depending on who stores it: all mean every AWS account (the condition narrows it to the organization).
 */
const EVERYONE = new Set(['*', 'arn:aws:iam::*:root']);

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isRecord(principal)) return false;
  const accounts = listOf(principal.AWS);
  return Object.keys(principal).length === 1 && accounts.length === 1 && EVERYONE.has(accounts[0] as string);
}

/** Whether the policy has a statement of this id at all (what teardown removes). */
export function hasStatement(policy: string | undefined, statementId: string): boolean {
  return statementsOf(policy).some((statement) => statement.Sid === statementId);
}

function statementsOf(policy: string | undefined): Statement[] {
  if (!policy) return [];
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    const list = Array.isArray(parsed?.Statement) ? parsed.Statement : [parsed?.Statement];
    return list.filter(isRecord) as Statement[];
  } catch {
    return [];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
