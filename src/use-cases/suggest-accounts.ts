// The account picker's options: active accounts the policy lets the caller target with this runbook.
import type { Account } from '../core/organization/organization.js';
import { accountMayBeTargeted, allowedAccountScope } from '../core/policy/allowed-account-scope.js';
import type { Subject } from '../core/policy/subject.js';
import type { RunContext } from './run-context.js';

export async function suggestAccounts(
  context: Pick<RunContext, 'accounts' | 'policies' | 'automation'>,
  subject: Subject,
  runbook: string | undefined,
): Promise<Account[]> {
  const [organization, home] = await Promise.all([
    context.accounts.organization(),
    context.automation.homeAccountId(),
  ]);
  const scope = runbook ? allowedAccountScope(context.policies, subject, runbook) : undefined;
  return organization.accounts.filter(
    (account) =>
      account.status === 'ACTIVE' &&
      account.id !== home &&
      account.id !== organization.managementAccountId &&
      (!scope || accountMayBeTargeted(scope, account)),
  );
}
