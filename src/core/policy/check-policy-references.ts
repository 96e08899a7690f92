// checkPolicyReferences: the start-up checks that need other config sections, such as approval templates.
import { closestMatches } from '../command/closest-match.js';
import type { PolicyRule } from './policy-schema.js';

/** Shaped like `ConfigProblem`, so the config loader can report it as `key: reason`. */
export interface PolicyProblem {
  key: string;
  reason: string;
}

/** Every `approvalTemplate` must name a template defined in `approvalTemplates`. */
export function checkPolicyReferences(
  policies: readonly PolicyRule[],
  templateNames: Iterable<string>,
): PolicyProblem[] {
  const known = [...templateNames];
  return policies.flatMap((rule, index) => {
    const template = rule.approvalTemplate;
    if (template === undefined || known.includes(template)) return [];
    const suggestions = closestMatches(template, known);
    const hint =
      known.length === 0
        ? '; no approvalTemplates are defined'
        : suggestions.length > 0
          ? `; did you mean ${suggestions.join(' or ')}?`
          : '';
    return [
      {
        key: `policies[${index}].approvalTemplate`,
        reason: `"${template}" is not an approval template${hint}`,
      },
    ];
  });
}
