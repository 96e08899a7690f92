// Reads an Automation document (schemaVersion 0.3) as GetDocument returns it into the bot's Runbook.
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { parseJsonValue } from './parse-json-value.js';
import type { Runbook, RunbookParameter } from './runbook.js';
import { type RunbookDocument, runbookDocumentSchema } from './runbook-document-schema.js';

export type DocumentFormat = 'JSON' | 'YAML' | 'TEXT';

/** What DescribeDocument adds to the content. */
export interface RunbookInfo {
  description?: string;
  owner?: string;
  documentVersion?: string;
}

export type ParseRunbookResult = { ok: true; runbook: Runbook } | { ok: false; message: string };

/**
 * Parses the document text against runbookDocumentSchema: every problem is named by its key path
 * (`parameters.Name.type is "Float"; …`). Never throws.
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
  const result = runbookDocumentSchema.safeParse(parsed.value);
  if (!result.success) return fail(result.error.issues.map(describeIssue).join('; '));
  const document = result.data;
  const parameters = Object.entries(document.parameters).map(([parameterName, spec]) =>
    toParameter(parameterName, spec),
  );
  const description = info.description ?? document.description;
  const assumeRoleParameter = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(document.assumeRole ?? '')?.[1];
  return {
    ok: true,
    runbook: {
      name,
      ...(description !== undefined && { description }),
      ...(info.owner !== undefined && { owner: info.owner }),
      ...(info.documentVersion !== undefined && { documentVersion: info.documentVersion }),
      ...(assumeRoleParameter !== undefined && { assumeRoleParameter }),
      parameters,
      ...(document.mainSteps?.length && { steps: document.mainSteps.map((step) => step.name) }),
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
    return parsed.ok ? parsed : { ok: false, message: `not valid JSON (${parsed.error})` };
  }
  try {
    // TEXT is not a format Automation documents come in; YAML reads JSON too, so it is the kinder guess.
    return { ok: true, value: parseYaml(content) };
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n', 1)[0];
    return { ok: false, message: `not valid YAML: ${firstLine}` };
  }
}

type ParameterSpec = RunbookDocument['parameters'][string];

function toParameter(name: string, spec: ParameterSpec): RunbookParameter {
  const required = spec.default === undefined || spec.default === null;
  const parameter: RunbookParameter = { name, type: spec.type, required };
  if (spec.description !== undefined) parameter.description = spec.description;
  if (!required) parameter.default = spec.default;
  if (spec.allowedValues !== undefined) parameter.allowedValues = spec.allowedValues;
  if (spec.allowedPattern !== undefined) parameter.allowedPattern = spec.allowedPattern;
  for (const key of ['minItems', 'maxItems', 'minChars', 'maxChars'] as const) {
    if (spec[key] !== undefined) parameter[key] = spec[key];
  }
  if (spec.displayType !== undefined) parameter.displayType = spec.displayType;
  return parameter;
}

/** `parameters.Name.allowedValues[2] must be …`; a problem with the whole document is its message alone. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
  return path ? `${path} ${issue.message}` : issue.message;
}
