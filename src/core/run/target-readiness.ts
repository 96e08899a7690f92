// Whether each account × region of a plan would take a start: what a preview checks so it refuses what the run
// would refuse, instead of showing ✓ for a place where the start is bound to fail.
import { type Target, targetKey } from '../organization/organization.js';

/**
 * Why a target would be refused at start, as far as the bot can tell beforehand.
 * - `region-not-enabled`: the account has not enabled (opted in to) the region; AWS refuses its credentials there.
 * - `role-missing`: the role the bot assumes to start there cannot be assumed. AWS answers AccessDenied alike for
 *   a role that does not exist and one whose trust policy does not name the bot (or its external id), so the
 *   message says both.
 * - `account-unreachable`: AWS refused the account for another reason (suspended, closed, outside the organization).
 */
export type ReadinessProblemCode = 'region-not-enabled' | 'role-missing' | 'account-unreachable';

/**
 * Why a target was not checked: the preview's time budget ran out, AWS kept throttling the checks or did not
 * answer, or (multi-account) the bot's read role could not be assumed there, so it could not look.
 */
export type UncheckedReason = 'time-budget' | 'throttled' | 'unanswered' | 'no-access';

export type Readiness =
  | { kind: 'ready' }
  | { kind: 'refused'; code: ReadinessProblemCode; message: string }
  | { kind: 'unchecked'; reason: UncheckedReason };

/** The readiness of every target of a plan, for its preview only: a real start never waits on it. */
export interface PlanReadiness {
  /** By `targetKey`; a target missing here counts as unchecked. */
  byTarget: Record<string, Readiness>;
  /**
   * Multi-account runs: the execution role SSM assumes in each account trusts SSM's Administration role, not the
   * bot, so only SSM can check it, when the run starts.
   */
  checkedAtStart?: { executionRoleName: string };
}

/** One refused target with its reason. */
export interface RefusedTarget {
  target: Target;
  code: ReadinessProblemCode;
  message: string;
}

export interface ReadinessSummary {
  total: number;
  refused: RefusedTarget[];
  unchecked: number;
}

export const readinessOf = (readiness: PlanReadiness, target: Target): Readiness =>
  readiness.byTarget[targetKey(target)] ?? { kind: 'unchecked', reason: 'time-budget' };

/** The refused targets (in the plan's order) and how many were not checked, out of `targets`. */
export function summarizeReadiness(targets: readonly Target[], readiness: PlanReadiness): ReadinessSummary {
  const refused: RefusedTarget[] = [];
  let unchecked = 0;
  for (const target of targets) {
    const answer = readinessOf(readiness, target);
    if (answer.kind === 'refused') refused.push({ target, code: answer.code, message: answer.message });
    else if (answer.kind === 'unchecked') unchecked++;
  }
  return { total: targets.length, refused, unchecked };
}
