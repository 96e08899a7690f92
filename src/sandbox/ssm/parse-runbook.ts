// Parses the text of an Automation document (schemaVersion 0.3, YAML or JSON) into the Runbook's structure,
// refusing malformed documents with errors that name the key, as CreateDocument would.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ParameterType, Runbook, RunbookParameter, RunbookStep } from './runbook.js';
import { defaultWireValue, parameterValueProblem } from './validate-automation-parameters.js';

/** What a document's text defines; the catalog adds name, owner, version and dates. */
export type ParsedRunbook = Pick<
  Runbook,
  'schemaVersion' | 'description' | 'assumeRoleParameter' | 'parameters' | 'steps' | 'outputs'
>;

/** A document the sandbox cannot load; `problems` are `key: what is wrong` lines. */
export class RunbookContentError extends Error {
  override readonly name = 'RunbookContentError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const parameterTypes = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'] as const;
const count = z.number().int().nonnegative();

const parameterSchema = z.strictObject({
  type: z.enum(parameterTypes),
  description: z.string().optional(),
  default: z.unknown().optional(),
  allowedValues: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  allowedPattern: z.string().optional(),
  minItems: count.optional(),
  maxItems: count.optional(),
  minChars: count.optional(),
  maxChars: count.optional(),
  displayType: z.enum(['textarea', 'textfield']).optional(),
});

const stepSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_]{1,100}$/, 'must be letters, digits and underscores'),
  action: z.string().regex(/^aws:[a-zA-Z]+$/, 'must be an Automation action such as aws:executeScript'),
  description: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  onFailure: z.string().optional(),
  onCancel: z.string().optional(),
  maxAttempts: z.number().int().min(1).optional(),
  timeoutSeconds: z.number().int().positive().optional(),
  isEnd: z.boolean().optional(),
  isCritical: z.boolean().optional(),
  nextStep: z.string().optional(),
  outputs: z
    .array(
      z.strictObject({
        Name: z.string().min(1),
        Selector: z.string().min(1),
        Type: z.enum(parameterTypes),
      }),
    )
    .default([]),
});

const documentSchema = z.strictObject({
  schemaVersion: z.literal('0.3', 'Automation documents must use schemaVersion 0.3'),
  description: z.string().default(''),
  assumeRole: z.string().optional(),
  parameters: z.record(z.string().regex(/^[a-zA-Z0-9_]+$/), parameterSchema).default({}),
  mainSteps: z.array(stepSchema).min(1, 'needs at least one step'),
  outputs: z.array(z.string()).default([]),
  files: z.record(z.string(), z.unknown()).optional(),
});

type DocumentShape = z.infer<typeof documentSchema>;

/** Parses YAML or JSON document text; throws RunbookContentError listing every problem. */
export function parseRunbook(text: string): ParsedRunbook {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new RunbookContentError([`(document): not valid YAML or JSON: ${(error as Error).message}`]);
  }
  const result = documentSchema.safeParse(raw);
  if (!result.success) {
    throw new RunbookContentError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`),
    );
  }
  const document = result.data;
  const parameters = Object.entries(document.parameters).map(([name, spec]) => toParameter(name, spec));
  const steps: RunbookStep[] = document.mainSteps.map((step) => ({
    ...step,
    outputs: step.outputs.map((output) => ({
      name: output.Name,
      selector: output.Selector,
      type: output.Type,
    })),
  }));
  const problems = [...parameters.flatMap(defaultProblems), ...referenceProblems(document, steps)];
  const assumeRoleParameter = assumeRoleParameterOf(document, problems);
  if (problems.length > 0) throw new RunbookContentError(problems);
  return {
    schemaVersion: document.schemaVersion,
    description: document.description,
    assumeRoleParameter,
    parameters,
    steps,
    outputs: document.outputs,
  };
}

function toParameter(name: string, spec: DocumentShape['parameters'][string]): RunbookParameter {
  return {
    name,
    type: spec.type as ParameterType,
    description: spec.description,
    default: spec.default,
    allowedValues: spec.allowedValues?.map(String),
    allowedPattern: spec.allowedPattern,
    minItems: spec.minItems,
    maxItems: spec.maxItems,
    minChars: spec.minChars,
    maxChars: spec.maxChars,
  };
}

const defaultShapes: Record<ParameterType, { test: (value: unknown) => boolean; expected: string }> = {
  String: { test: (v) => typeof v === 'string', expected: 'a string' },
  Integer: { test: (v) => Number.isSafeInteger(v), expected: 'an integer' },
  Boolean: { test: (v) => typeof v === 'boolean', expected: 'true or false' },
  StringList: {
    test: (v) => Array.isArray(v) && v.every((i) => typeof i === 'string'),
    expected: 'a list of strings',
  },
  StringMap: { test: (v) => typeof v === 'object' && v !== null && !Array.isArray(v), expected: 'a map' },
  MapList: {
    test: (v) => Array.isArray(v) && v.every((i) => typeof i === 'object' && i !== null && !Array.isArray(i)),
    expected: 'a list of maps',
  },
};

/** Bad patterns and defaults that break the parameter's own rules are refused up front, as AWS does. */
function defaultProblems(parameter: RunbookParameter): string[] {
  const key = `parameters.${parameter.name}`;
  if (parameter.allowedPattern !== undefined) {
    try {
      new RegExp(parameter.allowedPattern);
    } catch (error) {
      return [`${key}.allowedPattern: not a valid regular expression: ${(error as Error).message}`];
    }
  }
  if (parameter.default === undefined) return [];
  const shape = defaultShapes[parameter.type];
  if (!shape.test(parameter.default)) {
    return [`${key}.default: must be ${shape.expected} for type ${parameter.type}`];
  }
  // An empty String default is how AWS marks an optional parameter; rules apply only to real values.
  if (parameter.default === '') return [];
  const problem = parameterValueProblem(parameter, defaultWireValue(parameter));
  return problem ? [`${key}.default: ${problem}`] : [];
}

function referenceProblems(document: DocumentShape, steps: RunbookStep[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  steps.forEach((step, index) => {
    if (names.has(step.name)) problems.push(`mainSteps.${index}.name: duplicate step name "${step.name}"`);
    names.add(step.name);
  });
  const checkTarget = (key: string, target: string | undefined) => {
    if (target !== undefined && !names.has(target)) problems.push(`${key}: no step named "${target}"`);
  };
  steps.forEach((step, index) => {
    const key = `mainSteps.${index}`;
    checkTarget(`${key}.nextStep`, step.nextStep);
    for (const [field, value, plain] of [
      ['onFailure', step.onFailure, ['Abort', 'Continue']],
      ['onCancel', step.onCancel, ['Abort']],
    ] as const) {
      if (value === undefined || (plain as readonly string[]).includes(value)) continue;
      if (value.startsWith('step:')) checkTarget(`${key}.${field}`, value.slice('step:'.length));
      else problems.push(`${key}.${field}: must be ${plain.join(', ')} or step:<name>, not "${value}"`);
    }
    if (step.action === 'aws:branch') problems.push(...branchProblems(key, step, checkTarget));
  });
  document.outputs.forEach((output, index) => {
    const [stepName, outputName] = output.split('.', 2);
    const step = steps.find((candidate) => candidate.name === stepName);
    if (!step?.outputs.some((declared) => declared.name === outputName)) {
      problems.push(`outputs.${index}: "${output}" names no declared step output`);
    }
  });
  return problems;
}

function branchProblems(
  key: string,
  step: RunbookStep,
  checkTarget: (key: string, target: string | undefined) => void,
): string[] {
  const choices = step.inputs.Choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    return [`${key}.inputs.Choices: aws:branch needs at least one choice`];
  }
  choices.forEach((choice, index) => {
    checkTarget(`${key}.inputs.Choices.${index}.NextStep`, (choice as { NextStep?: string }).NextStep);
  });
  checkTarget(`${key}.inputs.Default`, step.inputs.Default as string | undefined);
  return [];
}

function assumeRoleParameterOf(document: DocumentShape, problems: string[]): string | undefined {
  if (document.assumeRole === undefined) return undefined;
  const reference = /^\{\{\s*([a-zA-Z0-9_]+)\s*\}\}$/.exec(document.assumeRole);
  if (!reference) return undefined; // a literal role ARN: no parameter carries it
  const name = reference[1]!;
  if (!(name in document.parameters)) problems.push(`assumeRole: names undeclared parameter "${name}"`);
  return name;
}
