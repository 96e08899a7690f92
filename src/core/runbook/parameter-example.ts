// How to write a parameter in `/ssm run`, for problems to show: `InstanceId=first,second`, `DryRun=true`.
import type { RunbookParameter } from './runbook.js';

const MAX_EXAMPLE_LENGTH = 80;

/** `Name=value`, quoted where the shell-like grammar needs it (JSON). */
export function parameterExample(parameter: RunbookParameter): string {
  const value = exampleValue(parameter);
  return `${parameter.name}=${parameter.type === 'StringMap' || parameter.type === 'MapList' ? `'${value}'` : value}`;
}

/** A value that would pass: an allowed value, the default, or a neutral placeholder. */
export function exampleValue(parameter: RunbookParameter): string {
  const { allowedValues: allowed, default: fallback } = parameter;
  switch (parameter.type) {
    case 'String':
      return allowed?.[0] ?? (typeof fallback === 'string' && fallback !== '' ? fallback : '…');
    case 'Integer':
      return allowed?.[0] ?? (/^-?\d+$/.test(String(fallback)) ? String(fallback) : '10');
    case 'Boolean':
      return 'true';
    case 'StringList':
      if (allowed) return allowed.slice(0, 2).join(',');
      return Array.isArray(fallback) && fallback.length > 0 ? fallback.join(',') : 'first,second';
    case 'StringMap':
    case 'MapList':
      return jsonExample(parameter);
  }
}

/** The default when it is short (it shows the keys the runbook expects), else a generic shape. */
export function jsonExample(parameter: RunbookParameter): string {
  const fallback = parameter.default;
  if (parameter.type === 'MapList') {
    const first = Array.isArray(fallback) ? fallback[0] : undefined;
    return shortJson(isJsonObject(first) ? [first] : undefined) ?? '[{"key":"value"}]';
  }
  return shortJson(isJsonObject(fallback) ? fallback : undefined) ?? '{"key":"value"}';
}

function shortJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length <= MAX_EXAMPLE_LENGTH ? json : undefined;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
