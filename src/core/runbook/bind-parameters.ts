// Binds the raw `Name=value` parameters of a run to a runbook's schema, as StartAutomationExecution will judge them.
import { checkParameterValue } from './check-parameter-value.js';
import { parameterExample } from './parameter-example.js';
import { code, orList, type ParameterProblem, suggestionsFor } from './parameter-problem.js';
import type { Runbook, RunbookParameter } from './runbook.js';

export interface BindOptions {
  /** Parameters the bot sets itself (e.g. `AutomationAssumeRole`); a person giving one is refused. */
  reservedParameters?: string[];
}

export type BindResult =
  /** SSM's wire form for StartAutomationExecution `Parameters`; only what was given (SSM fills defaults). */
  { ok: true; values: Record<string, string[]> } | { ok: false; problems: ParameterProblem[] };

const MAX_LISTED_PARAMETERS = 12;

/**
 * Checks every given value and every required parameter, and reports every problem at once, so a person
 * fixes the command in one go. Never throws; an invalid pattern in the document is reported as a problem.
 */
export function bindParameters(
  runbook: Runbook,
  raw: Record<string, string | string[]>,
  options: BindOptions = {},
): BindResult {
  const reserved = options.reservedParameters ?? [];
  const isReserved = (name: string) => reserved.some((other) => other.toLowerCase() === name.toLowerCase());
  const declared = new Map(runbook.parameters.map((parameter) => [parameter.name, parameter]));
  const problems: ParameterProblem[] = [];
  const values: Array<[string, string[]]> = [];
  for (const [name, value] of Object.entries(raw)) {
    const parameter = declared.get(name);
    if (isReserved(name)) problems.push(reservedProblem(name));
    else if (!parameter) problems.push(unknownProblem(runbook, name, isReserved));
    else {
      const checked = checkParameterValue(parameter, value);
      if (!checked.ok) problems.push(...checked.problems);
      else if (checked.values) values.push([name, checked.values]);
    }
  }
  for (const parameter of runbook.parameters) {
    if (parameter.required && !Object.hasOwn(raw, parameter.name) && !isReserved(parameter.name)) {
      problems.push(missingProblem(parameter));
    }
  }
  // fromEntries defines own properties, so a parameter named `__proto__` cannot reach the prototype.
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: Object.fromEntries(values) };
}

function reservedProblem(name: string): ParameterProblem {
  return {
    parameter: name,
    kind: 'reserved',
    message: `${code(name)} is set by the bot for every account and region; leave it out.`,
  };
}

function unknownProblem(
  runbook: Runbook,
  name: string,
  isReserved: (name: string) => boolean,
): ParameterProblem {
  const names = runbook.parameters.map((parameter) => parameter.name).filter((other) => !isReserved(other));
  const suggestions = suggestionsFor(name, names);
  const shown =
    names.length > MAX_LISTED_PARAMETERS ? [...names.slice(0, MAX_LISTED_PARAMETERS), '…'] : names;
  const caseOnly = names.some((other) => other.toLowerCase() === name.toLowerCase());
  const hint =
    suggestions.length > 0
      ? `${caseOnly ? ' Names are case-sensitive.' : ''} Did you mean ${orList(suggestions.map(code))}?`
      : names.length > 0
        ? ` Its parameters are ${shown.map((other) => (other === '…' ? other : code(other))).join(', ')}.`
        : ' It takes no parameters.';
  return {
    parameter: name,
    kind: 'unknown',
    message: `${code(name)} is not a parameter of ${runbook.name}.${hint}`,
    ...(suggestions.length > 0 && { suggestions }),
  };
}

function missingProblem(parameter: RunbookParameter): ParameterProblem {
  return {
    parameter: parameter.name,
    kind: 'missing',
    message: `${code(parameter.name)} is required: write ${code(parameterExample(parameter))}.`,
    ...(parameter.allowedValues && { allowedValues: parameter.allowedValues }),
    ...(parameter.allowedPattern !== undefined && { allowedPattern: parameter.allowedPattern }),
  };
}
