// runbooksVisibleTo: the runbooks a subject may run somewhere, for `/ssm list` and the modal's runbook picker.
import { applicableToRunbook, rulesForSubject } from './applicable-rules.js';
import { effectiveAllowRules } from './effective-allow-rules.js';
import type { PolicyRule } from './policy-schema.js';
import type { Subject } from './subject.js';

/**
 * The names, in the given order, that some allow rule grants the subject and no blanket deny rule takes
 * away (see `effectiveAllowRules`). A listed runbook may still be refused at a particular target.
 */
export function runbooksVisibleTo(
  policies: readonly PolicyRule[],
  subject: Subject,
  runbookNames: readonly string[],
): string[] {
  const rules = rulesForSubject(policies, subject);
  return runbookNames.filter((name) => effectiveAllowRules(applicableToRunbook(rules, name)).length > 0);
}
