// Reads an Automation document (schemaVersion 0.3) as GetDocument returns it into the bot's Runbook.
import { parse as parseYaml } from 'yaml';
import { parseJsonValue } from './parse-json-value.js';
import { PARAMETER_TYPES, type ParameterType, type Runbook, type RunbookParameter } from './runbook.js';

export type DocumentFormat = 'JSON' | 'YAML' | 'TEXT';

/** What DescribeDocument adds to the content. */
export interface RunbookInfo {
  description?: string;
  owner?: string;
  documentVersion?: string;
}

export type ParseRunbookResult = { ok: true; runbook: Runbook } | { ok: false; message: string };

const COUNT_KEYS = ['minItems', 'maxItems', 'minChars', 'maxChars'] as const;

/**
 * Parses the document text. Lenient where AWS already validated the document (unknown keys are ignored),
 * strict where the bot depends on the shape (parameter types, allowed values, counts). Never throws.
 */
export function parseRunbookContent(
  name: string,
  content: string,
  format: DocumentFormat,
  info: RunbookInfo = {},
): ParseRunbookResult {
  const fail = (message: string): ParseRunbookResult => ({
    ok: false,
    message: `${name} is not a runbook the bot can read: ${message}`,
  });
  const parsed = parseText(content, format);
  if (!parsed.ok) return fail(parsed.message);
  const document = parsed.value;
  if (!isRecord(document)) return fail('the document is not a mapping of keys to values');
  if (String(document.schemaVersion) !== '0.3') {
    return fail(`schemaVersion is ${String(document.schemaVersion)}; Automation runbooks use 0.3`);
  }
  // A document may leave `parameters` out: then it takes none.
  const declared = document.parameters ?? {};
  if (!isRecord(declared)) return fail('parameters must map each parameter name to its definition');
  const problems: string[] = [];
  const parameters: RunbookParameter[] = [];
  for (const [parameterName, spec] of Object.entries(declared)) {
    const parameter = toParameter(parameterName, spec, problems);
    if (parameter) parameters.push(parameter);
  }
  if (problems.length > 0) return fail(problems.join('; '));
  const description = info.description ?? stringOrUndefined(document.description);
  const assumeRoleParameter = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(String(document.assumeRole ?? ''))?.[1];
  return {
    ok: true,
    runbook: {
      name,
      ...(description !== undefined && { description }),
      ...(info.owner !== undefined && { owner: info.owner }),
      ...(info.documentVersion !== undefined && { documentVersion: info.documentVersion }),
      ...(assumeRoleParameter !== undefined && { assumeRoleParameter }),
      parameters,
    },
  };
}

function parseText(
  content: string,
  format: DocumentFormat,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (format === 'JSON') {
    // parseJsonValue says where the text goes wrong; JSON.parse's message can echo the whole document.
    const parsed = parseJsonValue(content);
    return parsed.ok ? parsed : { ok: false, message: `not valid JSON: ${parsed.error}` };
  }
  try {
    // TEXT is not a format Automation documents come in; YAML reads JSON too, so it is the kinder guess.
    return { ok: true, value: parseYaml(content) };
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n', 1)[0];
    return { ok: false, message: `not valid YAML: ${firstLine}` };
  }
}

function toParameter(name: string, spec: unknown, problems: string[]): RunbookParameter | undefined {
  const key = `parameters.${name}`;
  if (!isRecord(spec)) {
    problems.push(`${key} must be a mapping with at least a type`);
    return undefined;
  }
  const type = parameterType(spec.type);
  if (!type) {
    problems.push(
      `${key}.type is ${JSON.stringify(spec.type)}; expected one of ${PARAMETER_TYPES.join(', ')}`,
    );
    return undefined;
  }
  const parameter: RunbookParameter = {
    name,
    type,
    required: spec.default === undefined || spec.default === null,
  };
  const description = stringOrUndefined(spec.description);
  if (description !== undefined) parameter.description = description;
  if (!parameter.required) parameter.default = spec.default;
  if (spec.allowedValues !== undefined) {
    const values = spec.allowedValues;
    if (Array.isArray(values) && values.every(isScalar)) parameter.allowedValues = values.map(String);
    else problems.push(`${key}.allowedValues must be a list of strings`);
  }
  if (spec.allowedPattern !== undefined) {
    if (typeof spec.allowedPattern === 'string') parameter.allowedPattern = spec.allowedPattern;
    else problems.push(`${key}.allowedPattern must be a string`);
  }
  for (const countKey of COUNT_KEYS) {
    const value = spec[countKey];
    if (value === undefined) continue;
    if (Number.isSafeInteger(value) && (value as number) >= 0) parameter[countKey] = value as number;
    else problems.push(`${key}.${countKey} must be a whole number of at least 0`);
  }
  if (spec.displayType === 'textarea') parameter.displayType = 'textarea';
  return parameter;
}

/**
 * SSM's own types, and the AWS resource types the console offers pickers for (`AWS::EC2::Instance::Id`,
 * `List<AWS::EC2::Instance::Id>`), which travel as String and StringList.
 */
function parameterType(type: unknown): ParameterType | undefined {
  if (typeof type !== 'string') return undefined;
  if ((PARAMETER_TYPES as readonly string[]).includes(type)) return type as ParameterType;
  if (/^AWS::[\w:]+$/.test(type)) return 'String';
  if (/^List<AWS::[\w:]+>$/.test(type)) return 'StringList';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
