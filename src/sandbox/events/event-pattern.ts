// EventBridge event patterns: parsed and validated once, then matched against events as EventBridge does.
import { compileLeaf, type LeafMatcher, PatternError } from './pattern-matchers.js';

/** A validated event pattern, ready to match events. */
export interface EventPattern {
  readonly source: string;
  matches(event: unknown): boolean;
}

export type ParsedEventPattern = { ok: true; pattern: EventPattern } | { ok: false; reason: string };

type ObjectMatcher = (value: unknown) => boolean;

/**
 * Parses the JSON text of a rule's EventPattern. A pattern is an object whose keys are event fields:
 * an array lists alternatives for a leaf field, an object descends into a nested one, `$or` lists sub-patterns.
 */
export function parseEventPattern(text: string): ParsedEventPattern {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'Filter is not valid JSON' };
  }
  if (!isPlainObject(raw)) return { ok: false, reason: 'Filter is not an object' };
  try {
    const matcher = compileObject(raw, '');
    return { ok: true, pattern: { source: text, matches: (event) => matcher(event) } };
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, reason: error.message };
    throw error;
  }
}

function compileObject(pattern: Record<string, unknown>, path: string): ObjectMatcher {
  const entries = Object.entries(pattern);
  if (entries.length === 0) throw new PatternError(`Empty objects are not allowed${at(path)}`);
  const checks: ObjectMatcher[] = entries.map(([key, spec]) => {
    const keyPath = path ? `${path}.${key}` : key;
    if (key === '$or') return compileOr(spec, keyPath);
    if (Array.isArray(spec)) return fieldCheck(key, compileLeafList(spec, keyPath));
    if (isPlainObject(spec)) {
      const nested = compileObject(spec, keyPath);
      return (value) => {
        const field = fieldOf(value, key);
        // Arrays of objects are flattened: any element may satisfy the nested pattern.
        return Array.isArray(field) ? field.some(nested) : isPlainObject(field) && nested(field);
      };
    }
    throw new PatternError(`'${keyPath}' must be an object or an array`);
  });
  return (value) => checks.every((check) => check(value));
}

function compileOr(spec: unknown, path: string): ObjectMatcher {
  if (!Array.isArray(spec) || spec.length < 2 || !spec.every(isPlainObject)) {
    throw new PatternError(`'${path}' must be an array of at least two objects`);
  }
  const alternatives = spec.map((alternative, index) => compileObject(alternative, `${path}[${index}]`));
  return (value) => alternatives.some((alternative) => alternative(value));
}

interface LeafList {
  matchers: LeafMatcher[];
}

function compileLeafList(spec: unknown[], path: string): LeafList {
  if (spec.length === 0) throw new PatternError(`Empty arrays are not allowed${at(path)}`);
  return { matchers: spec.map((item) => compileLeaf(item, path)) };
}

function fieldCheck(key: string, list: LeafList): ObjectMatcher {
  return (value) => {
    const field = fieldOf(value, key);
    return list.matchers.some((matcher) => matcher(field));
  };
}

function fieldOf(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function at(path: string): string {
  return path ? ` at '${path}'` : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
