// The rules that speak to a subject about a runbook, and the one among them that decides at a target.
import type { Account } from '../organization/organization.js';
import { compileGlob } from './compile-glob.js';
import type { PolicyRule } from './policy-schema.js';
import {
  compareSpecificity,
  outranks,
  type RankedRule,
  regionRank,
  runbookRank,
  type Specificity,
  subjectRank,
  targetRank,
} from './rule-specificity.js';
import { type Subject, subjectMatches } from './subject.js';

/** A rule whose `when` holds for the subject, its globs compiled once for however many runbooks. */
export interface SubjectRule {
  rule: PolicyRule;
  /** Index in the file: the last tie-breaker. */
  order: number;
  patterns: Array<{ pattern: string; regexp: RegExp }>;
}

/** A rule that applies to the subject and the runbook, with the dimensions that do not depend on the target. */
export interface ApplicableRule {
  rule: PolicyRule;
  order: number;
  /** The rank of the most specific of its patterns that matches the runbook. */
  runbookRank: Specificity;
  subjectRank: number;
}

export function rulesForSubject(policies: readonly PolicyRule[], subject: Subject): SubjectRule[] {
  return policies.flatMap((rule, order) =>
    subjectMatches(rule.when, subject)
      ? [
          {
            rule,
            order,
            patterns: rule.runbooks.map((pattern) => ({ pattern, regexp: compileGlob(pattern) })),
          },
        ]
      : [],
  );
}

export function applicableToRunbook(rules: readonly SubjectRule[], runbook: string): ApplicableRule[] {
  return rules.flatMap(({ rule, order, patterns }) => {
    const ranks = patterns
      .filter(({ regexp }) => regexp.test(runbook))
      .map(({ pattern }) => runbookRank(pattern));
    const best = ranks.reduce<Specificity | undefined>(
      (top, rank) => (top === undefined || compareSpecificity(rank, top) > 0 ? rank : top),
      undefined,
    );
    return best ? [{ rule, order, runbookRank: best, subjectRank: subjectRank(rule.when) }] : [];
  });
}

/** The rules that apply to the subject and runbook, whatever the target. */
export function applicableRules(
  policies: readonly PolicyRule[],
  subject: Subject,
  runbook: string,
): ApplicableRule[] {
  return applicableToRunbook(rulesForSubject(policies, subject), runbook);
}

/** The rule's specificity at the target, or undefined when it does not cover the account or the region. */
export function specificityAt(
  applicable: ApplicableRule,
  account: Account,
  region: string,
): Specificity | undefined {
  const { rule } = applicable;
  if (rule.regions && !rule.regions.includes(region)) return undefined;
  const target = targetRank(rule, account);
  if (!target) return undefined;
  return [...target, ...applicable.runbookRank, applicable.subjectRank, regionRank(rule)];
}

/** The most specific applicable rule that covers the target, or undefined when none does. */
export function winningRule(
  applicable: readonly ApplicableRule[],
  account: Account,
  region: string,
): ApplicableRule | undefined {
  let winner: { candidate: ApplicableRule; ranked: RankedRule } | undefined;
  for (const candidate of applicable) {
    const specificity = specificityAt(candidate, account, region);
    if (!specificity) continue;
    const ranked = { specificity, effect: candidate.rule.effect, order: candidate.order };
    if (!winner || outranks(ranked, winner.ranked)) winner = { candidate, ranked };
  }
  return winner?.candidate;
}
