// How specific a rule is for one runbook and target: among the rules that apply, the most specific decides.
import type { Account } from '../organization/organization.js';
import { isGlob } from './compile-glob.js';
import type { PolicyRule, PolicyWhen } from './policy-schema.js';

/**
 * A rule's specificity for one runbook at one target, as numbers compared left to right: a later dimension
 * only breaks ties of the earlier ones. Most important first:
 *
 * 1. Target: an explicit account (id or name) > an OU in the account's path, a deeper OU beating a shallower
 *    one (a root id is the shallowest OU) > no account restriction. Where a thing runs is the sharpest
 *    statement a rule can make, so "deny in payments-prod" beats "allow AWS-* in Production".
 * 2. Runbook: an exact name > a glob > a pattern of stars alone. Between globs: more literal characters,
 *    then a longer literal prefix, then fewer stars, then more `?` (each narrows what the glob matches).
 * 3. Subject: users > userGroups > channels > everyone. A rule naming several keys counts each, as a bit
 *    (users 4, userGroups 2, channels 1), since it is narrower: user + channel > user > group + channel > group.
 * 4. Region: listed regions > any region (how many are listed does not matter).
 *
 * On a complete tie deny beats allow (when two rules say opposite things equally precisely, refuse), then
 * the rule earlier in the file.
 */
export type Specificity = readonly number[];

/** A rule competing at one target: its specificity there, its effect, and its place in the file. */
export interface RankedRule {
  specificity: Specificity;
  effect: PolicyRule['effect'];
  order: number;
}

const ACCOUNT_TIER = 2;
const OU_TIER = 1;
const ANY_ACCOUNT_TIER = 0;

/**
 * `[tier, depth]` for how the rule covers the account, or undefined when it does not cover it. A rule with
 * both accounts and OUs covers an account either lists, at the more specific of the two.
 */
export function targetRank(
  rule: Pick<PolicyRule, 'accounts' | 'organizationalUnits'>,
  account: Account,
): readonly [number, number] | undefined {
  if (!rule.accounts && !rule.organizationalUnits) return [ANY_ACCOUNT_TIER, 0];
  if (rule.accounts?.some((ref) => ref === account.id || ref === account.name)) return [ACCOUNT_TIER, 0];
  const listed = rule.organizationalUnits ?? [];
  const depth = account.path.findLastIndex((ouId) => listed.includes(ouId));
  return depth >= 0 ? [OU_TIER, depth] : undefined;
}

/** The runbook dimension of a pattern that matches the runbook (see `Specificity`). */
export function runbookRank(pattern: string): Specificity {
  if (!isGlob(pattern)) return [2, 0, 0, 0, 0];
  if (/^\*+$/.test(pattern)) return [0, 0, 0, 0, 0];
  const characters = [...pattern];
  const literals = characters.filter((character) => character !== '*' && character !== '?').length;
  const prefix = characters.findIndex((character) => character === '*' || character === '?');
  const stars = pattern.match(/\*+/g)?.length ?? 0;
  const questions = characters.filter((character) => character === '?').length;
  return [1, literals, prefix, -stars, questions];
}

export function subjectRank(when: PolicyWhen | undefined): number {
  return (when?.users ? 4 : 0) + (when?.userGroups ? 2 : 0) + (when?.channels ? 1 : 0);
}

export const regionRank = (rule: Pick<PolicyRule, 'regions'>): number => (rule.regions ? 1 : 0);

/** Positive when `a` is more specific than `b`, negative when less, 0 on a tie. */
export function compareSpecificity(a: Specificity, b: Specificity): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Whether `a` beats `b`: more specific, or on a tie deny over allow, then earlier in the file. */
export function outranks(a: RankedRule, b: RankedRule): boolean {
  const bySpecificity = compareSpecificity(a.specificity, b.specificity);
  if (bySpecificity !== 0) return bySpecificity > 0;
  if (a.effect !== b.effect) return a.effect === 'deny';
  return a.order < b.order;
}
