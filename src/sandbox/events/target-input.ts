// What a target receives: the whole event, the constant Input, or the part of the event InputPath selects.

import type { RuleTarget } from './event-bus-registry.js';
import type { AwsEvent } from './event-buses.js';

/** The JSON text delivered to `target` for `event`. */
export function targetInput(target: Pick<RuleTarget, 'Input' | 'InputPath'>, event: AwsEvent): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(selectPath(event, target.InputPath) ?? null);
  return JSON.stringify(event);
}

/** Whether `path` is a JSONPath EventBridge accepts: `$`, then `.field` or `['field']` or `[index]` steps. */
export function isValidInputPath(path: string): boolean {
  return parsePath(path) !== undefined;
}

function selectPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of parsePath(path) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

const STEP = /^(?:\.([A-Za-z0-9_\-$@]+)|\['([^']*)'\]|\[(\d+)\])/;

function parsePath(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Array<string | number> = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return undefined;
    steps.push(match[3] !== undefined ? Number(match[3]) : (match[1] ?? match[2])!);
    rest = rest.slice(match[0].length);
  }
  return steps;
}
