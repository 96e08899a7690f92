// Automation parameter checks as StartAutomationExecution applies them, on the wire form (name → string[]).
import { AwsServiceError } from '../aws-error.js';
import type { Runbook, RunbookParameter } from './runbook.js';

/** The wire form of Automation parameters: every value travels as a list of strings. */
export type AutomationParameters = Record<string, string[]>;

const invalidParameters = (message: string) =>
  new AwsServiceError('InvalidAutomationExecutionParametersException', message);

/**
 * Checks and completes Automation parameters exactly as StartAutomationExecution does.
 * Returns every declared parameter that has a value (given, or the document default), in wire form;
 * throws AwsServiceError (InvalidAutomationExecutionParametersException) on the first problem found.
 */
export function validateAutomationParameters(
  runbook: Runbook,
  parameters: AutomationParameters | undefined,
): AutomationParameters {
  const given = parameters ?? {};
  const declared = new Map(runbook.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      throw invalidParameters(`Parameter "${name}" is not defined in document ${runbook.name}.`);
    }
  }
  const complete: AutomationParameters = {};
  for (const parameter of runbook.parameters) {
    const values = given[parameter.name];
    if (values === undefined) {
      if (parameter.default === undefined) {
        throw invalidParameters(`Missing required parameter: ${parameter.name} in user inputs.`);
      }
      complete[parameter.name] = defaultWireValue(parameter);
      continue;
    }
    const problem = parameterValueProblem(parameter, values);
    if (problem) throw invalidParameters(problem);
    complete[parameter.name] = [...values];
  }
  return complete;
}

/** A document default in wire form: scalars as one string, lists item by item, maps as JSON. */
export function defaultWireValue(parameter: RunbookParameter): string[] {
  const value = parameter.default;
  switch (parameter.type) {
    case 'StringList':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'StringMap':
    case 'MapList':
      return [JSON.stringify(value)];
    default:
      return [String(value)];
  }
}

/**
 * What is wrong with `values` for `parameter`, in AWS's wording, or undefined when they are valid.
 * Checks run in AWS's order: shape and type, item count, allowed values, pattern, length.
 */
export function parameterValueProblem(parameter: RunbookParameter, values: string[]): string | undefined {
  const name = parameter.name;
  if (parameter.type === 'StringList') {
    const countProblem = itemCountProblem(parameter, values.length);
    if (countProblem) return countProblem;
  } else if (parameter.type !== 'MapList' && values.length !== 1) {
    return `Parameter "${name}" of type ${parameter.type} accepts exactly one value but ${values.length} were provided.`;
  }
  const typeProblem = typeProblemOf(parameter, values);
  if (typeProblem) return typeProblem;
  for (const value of values) {
    const problem = itemProblem(parameter, value);
    if (problem) return problem;
  }
  return undefined;
}

function itemCountProblem(parameter: RunbookParameter, count: number): string | undefined {
  if (parameter.minItems !== undefined && count < parameter.minItems) {
    return `Parameter "${parameter.name}" has ${count} values but requires at least ${parameter.minItems} (minItems).`;
  }
  if (parameter.maxItems !== undefined && count > parameter.maxItems) {
    return `Parameter "${parameter.name}" has ${count} values but allows at most ${parameter.maxItems} (maxItems).`;
  }
  return undefined;
}

function typeProblemOf(parameter: RunbookParameter, values: string[]): string | undefined {
  const [value = ''] = values;
  const notA = (what: string) =>
    `Parameter "${parameter.name}" has value "${value}" which is not a valid ${parameter.type}: ${what}.`;
  switch (parameter.type) {
    case 'Integer':
      return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))
        ? undefined
        : notA('expected an integer');
    case 'Boolean':
      return value === 'true' || value === 'false' ? undefined : notA('expected true or false');
    case 'StringMap':
      return isJsonObject(parseJson(value)) ? undefined : notA('expected a JSON object');
    case 'MapList':
      return mapListProblem(parameter, values);
    default:
      return undefined;
  }
}

/** A MapList travels either as one JSON array of objects or as one JSON object per value. */
function mapListProblem(parameter: RunbookParameter, values: string[]): string | undefined {
  const items: unknown[] = [];
  for (const value of values) {
    const parsed = parseJson(value);
    if (Array.isArray(parsed) && values.length === 1) items.push(...parsed);
    else items.push(parsed);
    if (!(Array.isArray(parsed) ? parsed : [parsed]).every(isJsonObject)) {
      return `Parameter "${parameter.name}" has value "${value}" which is not a valid MapList: expected a JSON array of objects.`;
    }
  }
  return itemCountProblem(parameter, items.length);
}

function itemProblem(parameter: RunbookParameter, value: string): string | undefined {
  const name = parameter.name;
  if (parameter.allowedValues && !parameter.allowedValues.includes(value)) {
    return `Parameter "${name}" has value "${value}" not found in [${parameter.allowedValues.join(', ')}].`;
  }
  if (parameter.allowedPattern !== undefined && !new RegExp(parameter.allowedPattern).test(value)) {
    return `Parameter "${name}" has value "${value}" not matching the allowed pattern ${parameter.allowedPattern}.`;
  }
  if (parameter.minChars !== undefined && value.length < parameter.minChars) {
    return `Parameter "${name}" has value "${value}" shorter than the minimum of ${parameter.minChars} characters (minChars).`;
  }
  if (parameter.maxChars !== undefined && value.length > parameter.maxChars) {
    return `Parameter "${name}" has value "${value}" longer than the maximum of ${parameter.maxChars} characters (maxChars).`;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
