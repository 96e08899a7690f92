// lockKeysFor: what a change locks — its runbook at each of its targets — so two changes never run the same thing at once.
import type { Target } from '../organization/organization.js';

/**
 * One key per runbook × account × region, e.g. `AWS-RestartEC2Instance|111111111111|us-east-1`; distinct
 * and sorted, so every holder takes a set of locks in the same order. `|` never occurs in a runbook name,
 * an account id or a region.
 */
export function lockKeysFor(runbook: string, targets: readonly Target[]): string[] {
  const keys = new Set(targets.map((target) => `${runbook}|${target.accountId}|${target.region}`));
  return [...keys].sort();
}
