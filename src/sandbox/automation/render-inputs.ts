// Resolves `{{ Parameter }}`, `{{ step.Output }}` and `{{ automation:EXECUTION_ID }}` in step inputs.
import type { ParameterType, Runbook } from '../ssm/runbook.js';
import type { ExecutionRecord } from './execution.js';

const REFERENCE = /\{\{\s*([\w.:-]+)\s*\}\}/g;
const WHOLE_REFERENCE = /^\{\{\s*([\w.:-]+)\s*\}\}$/;

function typedValue(type: ParameterType | undefined, values: string[]): unknown {
  switch (type) {
    case 'StringList':
      return values;
    case 'Integer':
      return Number(values[0]);
    case 'Boolean':
      return values[0] === 'true';
    case 'StringMap':
    case 'MapList':
      try {
        return JSON.parse(values[0] ?? 'null');
      } catch {
        return values[0];
      }
    default:
      return values[0] ?? '';
  }
}

/** The value a reference stands for in this execution, or undefined when it names nothing. */
export function resolveReference(name: string, execution: ExecutionRecord, runbook: Runbook): unknown {
  if (name === 'automation:EXECUTION_ID') return execution.id;
  if (name === 'global:ACCOUNT_ID') return execution.accountId;
  if (name === 'global:REGION') return execution.region;
  const parameter = runbook.parameters.find((candidate) => candidate.name === name);
  if (parameter) return typedValue(parameter.type, execution.parameters[name] ?? []);
  const dot = name.indexOf('.');
  if (dot > 0) {
    const step = execution.steps.find((candidate) => candidate.name === name.slice(0, dot));
    const values = step?.outputs?.[name.slice(dot + 1)];
    if (values) return values.length === 1 ? values[0] : values;
  }
  return undefined;
}

/** Substitutes references; a string that is one whole reference takes the referenced value's type. */
export function renderValue(value: unknown, execution: ExecutionRecord, runbook: Runbook): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return resolveReference(whole[1]!, execution, runbook) ?? value;
    return value.replace(REFERENCE, (text, name: string) => {
      const resolved = resolveReference(name, execution, runbook);
      if (resolved === undefined) return text;
      return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, execution, runbook));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, renderValue(inner, execution, runbook)]),
    );
  }
  return value;
}

/** Step inputs as GetAutomationExecution shows them: each value JSON-encoded. */
export function renderInputs(
  inputs: Record<string, unknown>,
  execution: ExecutionRecord,
  runbook: Runbook,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [
      key,
      JSON.stringify(renderValue(value, execution, runbook)),
    ]),
  );
}
