// allowedAccountScope: which accounts the modal's account picker offers for a runbook.
import type { Account } from '../organization/organization.js';
import { applicableRules } from './applicable-rules.js';
import { effectiveAllowRules } from './effective-allow-rules.js';
import type { PolicyRule } from './policy-schema.js';
import type { Subject } from './subject.js';

/** Where some allow rule lets the subject run the runbook; refs and OU ids as the policy file writes them. */
export interface AccountScope {
  /** Some allow rule has no account restriction: every account may be offered. */
  allAccounts: boolean;
  /** Account ids or names (empty when `allAccounts`). */
  accountRefs: string[];
  /** OU or root ids whose accounts, nested ones included, may be offered (empty when `allAccounts`). */
  organizationalUnitIds: string[];
}

/**
 * The union of what the subject's effective allow rules for the runbook cover (see `effectiveAllowRules`).
 * A filter for pickers: deny rules bound to accounts are not subtracted, `decideRunPolicy` has the last word.
 */
export function allowedAccountScope(
  policies: readonly PolicyRule[],
  subject: Subject,
  runbook: string,
): AccountScope {
  const allows = effectiveAllowRules(applicableRules(policies, subject, runbook)).map(({ rule }) => rule);
  if (allows.some((rule) => !rule.accounts && !rule.organizationalUnits)) {
    return { allAccounts: true, accountRefs: [], organizationalUnitIds: [] };
  }
  return {
    allAccounts: false,
    accountRefs: [...new Set(allows.flatMap((rule) => rule.accounts ?? []))],
    organizationalUnitIds: [...new Set(allows.flatMap((rule) => rule.organizationalUnits ?? []))],
  };
}

export function accountMayBeTargeted(scope: AccountScope, account: Account): boolean {
  return (
    scope.allAccounts ||
    scope.accountRefs.includes(account.id) ||
    scope.accountRefs.includes(account.name) ||
    account.path.some((ouId) => scope.organizationalUnitIds.includes(ouId))
  );
}
