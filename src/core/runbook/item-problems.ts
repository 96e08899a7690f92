// The rules each value of a parameter must keep: SSM's length limit, allowedValues, allowedPattern, min/maxChars.
import { compileAllowedPattern } from './compile-allowed-pattern.js';
import { code, orList, type ParameterProblem, suggestionsFor } from './parameter-problem.js';
import { patternExample } from './pattern-example.js';
import type { RunbookParameter } from './runbook.js';
import { SSM_MAX_VALUE_LENGTH } from './ssm-parameter-limits.js';

interface ItemRule {
  fails: (item: string) => boolean;
  problem: (failing: string[]) => ParameterProblem;
}

/** Each item is held to the first rule it breaks; one problem per rule lists every item that broke it. */
export function itemProblems(parameter: RunbookParameter, items: string[]): ParameterProblem[] {
  const rules = itemRules(parameter);
  if (!rules.ok) return items.length > 0 ? [rules.problem] : [];
  const failing = new Map<ItemRule, string[]>();
  for (const item of items) {
    const rule = rules.rules.find((candidate) => candidate.fails(item));
    if (rule) failing.set(rule, [...(failing.get(rule) ?? []), item]);
  }
  return rules.rules.flatMap((rule) => (failing.has(rule) ? [rule.problem(failing.get(rule)!)] : []));
}

function itemRules(
  parameter: RunbookParameter,
): { ok: true; rules: ItemRule[] } | { ok: false; problem: ParameterProblem } {
  const name = code(parameter.name);
  const problem = (message: string, extra: Partial<ParameterProblem> = {}): ParameterProblem => ({
    parameter: parameter.name,
    kind: 'invalid',
    message,
    ...extra,
  });
  const rules: ItemRule[] = [
    {
      fails: (item) => item.length > SSM_MAX_VALUE_LENGTH,
      problem: (failing) =>
        problem(
          `SSM takes values of at most ${SSM_MAX_VALUE_LENGTH} characters; ${these(failing)} of ${name} ${be(failing)} longer.`,
        ),
    },
  ];
  const { allowedValues, allowedPattern, minChars, maxChars } = parameter;
  if (allowedValues) {
    rules.push({
      fails: (item) => !allowedValues.includes(item),
      problem: (failing) => {
        const suggestions = [...new Set(failing.flatMap((item) => suggestionsFor(item, allowedValues)))];
        const shown = allowedValues.length > 10 ? [...allowedValues.slice(0, 10), '…'] : allowedValues;
        const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions.map(code))}?` : '';
        return problem(
          `${name} must be one of ${shown.map((value) => (value === '…' ? value : code(value))).join(', ')}; ${these(failing)} ${be(failing)} not.${hint}`,
          { allowedValues, ...(suggestions.length > 0 && { suggestions }) },
        );
      },
    });
  }
  if (allowedPattern !== undefined) {
    const compiled = compileAllowedPattern(allowedPattern);
    if (!compiled.ok) {
      return {
        ok: false,
        problem: problem(
          `The runbook's allowedPattern for ${name} is not a regular expression the bot can check ` +
            `(${compiled.message}); ask the runbook's owner to fix it.`,
          { allowedPattern },
        ),
      };
    }
    // People read an example better than a regular expression; the pattern itself stays with the problem.
    const example = patternExample(parameter, compiled.regex);
    rules.push({
      fails: (item) => !compiled.regex.test(item),
      problem: (failing) =>
        problem(
          example === undefined
            ? `${these(failing)} ${be(failing)} not in the form ${name} takes (see its allowed pattern).`
            : `${name} must look like ${code(example)}; ${these(failing)} ${failing.length === 1 ? 'does' : 'do'} not.`,
          { allowedPattern },
        ),
    });
  }
  if (minChars !== undefined) {
    rules.push({
      fails: (item) => item.length < minChars,
      problem: (failing) =>
        problem(
          `${name} must be at least ${minChars} characters long; ${these(failing)} ${be(failing)} shorter.`,
        ),
    });
  }
  if (maxChars !== undefined) {
    rules.push({
      fails: (item) => item.length > maxChars,
      problem: (failing) =>
        problem(
          `${name} must be at most ${maxChars} characters long; ${these(failing)} ${be(failing)} longer.`,
        ),
    });
  }
  return { ok: true, rules };
}

/** `x`, `x` and `y`, `x`, `y`, `z` and 2 more. */
function these(items: string[]): string {
  const shown = items.slice(0, 3).map(code);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

function be(items: string[]): string {
  return items.length === 1 ? 'is' : 'are';
}
