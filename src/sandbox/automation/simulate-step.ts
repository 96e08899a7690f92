// How the sandbox plays one step: its duration, its outputs, and which branch an aws:branch takes.
import type { Runbook, RunbookStep } from '../ssm/runbook.js';
import type { ExecutionRecord } from './execution.js';
import { renderValue } from './render-inputs.js';

const DEFAULT_SECONDS: Record<string, number> = {
  'aws:branch': 0,
  'aws:assertAwsResourceProperty': 1,
  'aws:executeAwsApi': 2,
  'aws:executeScript': 4,
  'aws:changeInstanceState': 5,
  'aws:waitForAwsResourceProperty': 10,
  'aws:runCommand': 8,
};

/** ISO 8601 durations such as PT5M or PT1H30M10S, as aws:sleep takes them. */
export function parseIsoDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)
  );
}

export function stepDurationSeconds(
  step: RunbookStep,
  runbook: Runbook,
  execution: ExecutionRecord,
  nowMs: number,
) {
  const simulated = runbook.simulation[step.name]?.durationSeconds;
  if (simulated !== undefined) return simulated;
  if (step.action === 'aws:sleep') {
    const duration = renderValue(step.inputs.Duration, execution, runbook);
    if (typeof duration === 'string' && parseIsoDuration(duration) !== undefined)
      return parseIsoDuration(duration)!;
    const until = renderValue(step.inputs.Timestamp, execution, runbook);
    if (typeof until === 'string' && !Number.isNaN(Date.parse(until))) {
      return Math.max(0, (Date.parse(until) - nowMs) / 1000);
    }
  }
  return DEFAULT_SECONDS[step.action] ?? 2;
}

function wireValues(value: unknown): string[] {
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (value && typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

/**
 * Declared outputs with the fixture's simulated values, or plausible placeholders of the declared type. A
 * fixture's value may hold the references step inputs do (`{{ ClusterName }}`, `{{ global:REGION }}`,
 * `{{ global:ACCOUNT_ID }}`), so an output such as an ARN names what this run was given, where it ran.
 */
export function simulatedOutputs(
  step: RunbookStep,
  runbook: Runbook,
  execution: ExecutionRecord,
): Record<string, string[]> | undefined {
  if (step.outputs.length === 0) return undefined;
  const configured = runbook.simulation[step.name]?.outputs ?? {};
  const outputs: Record<string, string[]> = {};
  for (const output of step.outputs) {
    if (output.name in configured) {
      outputs[output.name] = wireValues(renderValue(configured[output.name], execution, runbook));
      continue;
    }
    const placeholder = `sandbox-${step.name}-${output.name}`;
    outputs[output.name] =
      output.type === 'Integer'
        ? ['0']
        : output.type === 'Boolean'
          ? ['true']
          : output.type === 'StringMap'
            ? ['{}']
            : output.type === 'MapList'
              ? ['[]']
              : [placeholder];
  }
  return outputs;
}

type Choice = Record<string, unknown>;

function choiceMatches(choice: Choice, execution: ExecutionRecord, runbook: Runbook): boolean {
  const value = renderValue(choice.Variable, execution, runbook);
  const text = String(value);
  const number = Number(value);
  for (const [operator, expected] of Object.entries(choice)) {
    if (operator === 'NextStep' || operator === 'Variable') continue;
    switch (operator) {
      case 'StringEquals':
        return text === expected;
      case 'EqualsIgnoreCase':
        return text.toLowerCase() === String(expected).toLowerCase();
      case 'StartsWith':
        return text.startsWith(String(expected));
      case 'EndsWith':
        return text.endsWith(String(expected));
      case 'Contains':
        return text.includes(String(expected));
      case 'BooleanEquals':
        return (value === true || text === 'true') === (expected === true || expected === 'true');
      case 'NumericEquals':
        return number === Number(expected);
      case 'NumericGreater':
        return number > Number(expected);
      case 'NumericLesser':
        return number < Number(expected);
      case 'NumericGreaterOrEquals':
        return number >= Number(expected);
      case 'NumericLesserOrEquals':
        return number <= Number(expected);
      case 'Not':
        return !choiceMatches(
          { ...(expected as Choice), Variable: (expected as Choice).Variable },
          execution,
          runbook,
        );
      case 'And':
        return (expected as Choice[]).every((inner) => choiceMatches(inner, execution, runbook));
      case 'Or':
        return (expected as Choice[]).some((inner) => choiceMatches(inner, execution, runbook));
    }
  }
  return false;
}

/** The next step an aws:branch chooses; undefined when no choice matches and there is no Default. */
export function chooseBranch(
  step: RunbookStep,
  execution: ExecutionRecord,
  runbook: Runbook,
): string | undefined {
  const choices = (step.inputs.Choices as Choice[] | undefined) ?? [];
  const chosen = choices.find((choice) => choiceMatches(choice, execution, runbook));
  return (chosen?.NextStep as string | undefined) ?? (step.inputs.Default as string | undefined);
}
