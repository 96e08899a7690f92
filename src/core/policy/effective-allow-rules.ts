// The allow rules that still grant something somewhere: what the runbook list and the account picker show.
import type { ApplicableRule } from './applicable-rules.js';
import { outranks, regionRank } from './rule-specificity.js';

/**
 * The applicable allow rules not overridden everywhere they reach. This is an approximation for pickers, not
 * a decision (`decideRunPolicy` decides): an allow rule is dropped only when a single deny rule with no
 * account restriction covers all its regions and outranks it, which it can only do when the allow rule has
 * no account restriction either. Deny rules bound to accounts or OUs never hide a runbook or an account.
 */
export function effectiveAllowRules(applicable: readonly ApplicableRule[]): ApplicableRule[] {
  const blanketDenies = applicable.filter(
    ({ rule }) => rule.effect === 'deny' && !rule.accounts && !rule.organizationalUnits,
  );
  return applicable.filter(
    (allow) =>
      allow.rule.effect === 'allow' && !blanketDenies.some((deny) => overridesEverywhere(deny, allow)),
  );
}

function overridesEverywhere(deny: ApplicableRule, allow: ApplicableRule): boolean {
  // An allow rule bound to accounts or OUs outranks a deny rule with no account restriction at every target.
  if (allow.rule.accounts || allow.rule.organizationalUnits) return false;
  const denyRegions = deny.rule.regions;
  if (denyRegions && !allow.rule.regions?.every((region) => denyRegions.includes(region))) return false;
  // Both cover any account, so the target dimension ties; the rest is the same comparison as at a target.
  const ranked = (candidate: ApplicableRule) => ({
    specificity: [0, 0, ...candidate.runbookRank, candidate.subjectRank, regionRank(candidate.rule)],
    effect: candidate.rule.effect,
    order: candidate.order,
  });
  return outranks(ranked(deny), ranked(allow));
}
