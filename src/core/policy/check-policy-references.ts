// checkPolicyReferences: the start-up checks that need other config sections, such as approval templates.
import { closestMatches } from '../command/closest-match.js';
import type { PolicyRule } from './policy-schema.js';

/** A rule that names a template nobody defined; the config schema reports it at the rule's key. */
export interface PolicyReferenceProblem {
  /** Index of the rule in `policies`. */
  ruleIndex: number;
  /** The name as written, which the config loader shows before the reason. */
  template: string;
  /** Completes the sentence "`<template>` …", e.g. `is not an approval template; did you mean prod-change?`. */
  reason: string;
}

/** Every `approvalTemplate` must name a template defined in `approvalTemplates`. */
export function checkPolicyReferences(
  policies: ReadonlyArray<Pick<PolicyRule, 'approvalTemplate'>>,
  templateNames: Iterable<string>,
): PolicyReferenceProblem[] {
  const known = [...templateNames];
  return policies.flatMap((rule, ruleIndex) => {
    const template = rule.approvalTemplate;
    if (template === undefined || known.includes(template)) return [];
    const suggestions = closestMatches(template, known);
    const hint =
      known.length === 0
        ? '; no approvalTemplates are defined'
        : suggestions.length > 0
          ? `; did you mean ${suggestions.join(' or ')}?`
          : '';
    return [{ ruleIndex, template, reason: `is not an approval template${hint}` }];
  });
}
