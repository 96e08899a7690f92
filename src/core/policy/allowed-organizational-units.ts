// organizationalUnitsInScope: which OUs the run form offers, by the same scope the account picker uses.
import type { OrganizationalUnit } from '../organization/organization.js';
import type { AccountScope } from './allowed-account-scope.js';

/**
 * The units the scope covers whole: every unit when some allow rule has no account restriction, else the
 * units an allow rule names and the units below them. A unit that holds only some allowed accounts is left
 * out, because running in it targets every account it holds.
 */
export function organizationalUnitsInScope(
  scope: AccountScope,
  units: readonly OrganizationalUnit[],
): OrganizationalUnit[] {
  if (scope.allAccounts) return [...units];
  const allowed = new Set(scope.organizationalUnitIds);
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const covered = (id: string): boolean => {
    // The walk stops at the root (no parent among the units); `seen` guards against a malformed cycle.
    const seen = new Set<string>();
    for (let at: string | undefined = id; at && !seen.has(at); at = parentOf.get(at)) {
      if (allowed.has(at)) return true;
      seen.add(at);
    }
    return false;
  };
  return units.filter((unit) => covered(unit.id));
}
