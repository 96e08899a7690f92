// EventBridge target operations: PutTargets, RemoveTargets and ListTargetsByRule.
import { validationError } from '../aws-error.js';
import type { OperationHandler } from '../service.js';
import type { RuleTarget } from './event-bus-registry.js';
import { parseTargetArn, RESOURCE_NAME } from './events-arn.js';
import { limitExceeded, OperationInput, page } from './operation-input.js';
import { findRule } from './rule-operations.js';
import { isValidInputPath } from './target-input.js';

// EventBridge's default quota of targets per rule.
const MAX_TARGETS_PER_RULE = 5;

interface FailedEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export const targetOperations: Record<string, OperationHandler> = {
  PutTargets: (raw, ctx) => {
    const input = new OperationInput(raw);
    const { rule } = findRule(ctx, input, 'Rule');
    const entries = input.list('Targets', { min: 1, max: 10 }).map(readTarget);
    const failed: FailedEntry[] = [];
    const accepted: RuleTarget[] = [];
    for (const target of entries) {
      const problem = entryProblem(target);
      if (problem)
        failed.push({ TargetId: target.Id, ErrorCode: 'ValidationException', ErrorMessage: problem });
      else accepted.push(target);
    }
    const ids = new Set([...rule.targets.keys(), ...accepted.map((target) => target.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE) {
      throw limitExceeded('The requested resource exceeds the maximum number allowed.');
    }
    for (const target of accepted) rule.targets.set(target.Id, target);
    return { FailedEntryCount: failed.length, FailedEntries: failed };
  },

  RemoveTargets: (raw, ctx) => {
    const input = new OperationInput(raw);
    const { rule } = findRule(ctx, input, 'Rule');
    const ids = input.list('Ids', { min: 1, max: 100 });
    for (const id of ids) if (typeof id === 'string') rule.targets.delete(id);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  ListTargetsByRule: (raw, ctx) => {
    const input = new OperationInput(raw);
    const { rule } = findRule(ctx, input, 'Rule');
    const limit = input.optionalNumber('Limit', { min: 1, max: 100 }) ?? 100;
    const result = page([...rule.targets.values()], input.optionalString('NextToken', { max: 2048 }), limit);
    return { Targets: result.items, NextToken: result.nextToken };
  },
};

/** Reads one Target; malformed members fail the whole request, as AWS's input validation does. */
function readTarget(raw: unknown): RuleTarget {
  const input = new OperationInput((raw ?? {}) as Record<string, unknown>);
  const target: RuleTarget = {
    Id: input.string('Id', { pattern: RESOURCE_NAME, max: 64 }),
    Arn: input.string('Arn', { max: 1600 }),
    RoleArn: input.optionalString('RoleArn', { max: 1600 }),
    Input: input.optionalString('Input', { max: 8192 }),
    InputPath: input.optionalString('InputPath', { max: 256 }),
    HttpParameters: input.raw('HttpParameters') as RuleTarget['HttpParameters'],
    RetryPolicy: input.raw('RetryPolicy') as RuleTarget['RetryPolicy'],
    DeadLetterConfig: input.raw('DeadLetterConfig') as RuleTarget['DeadLetterConfig'],
  };
  const ref = parseTargetArn(target.Arn);
  if (!ref)
    throw validationError(
      `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
    );
  if (ref.kind === 'api-destination' && target.RoleArn === undefined) {
    throw validationError(`RoleArn is required for target ${target.Arn}.`);
  }
  if (input.raw('InputTransformer') !== undefined) {
    throw validationError('InputTransformer is not supported by the sandbox.');
  }
  return Object.fromEntries(Object.entries(target).filter(([, value]) => value !== undefined)) as RuleTarget;
}

/** What makes one entry fail while the others are added (reported in FailedEntries). */
function entryProblem(target: RuleTarget): string | undefined {
  if (target.Input !== undefined && target.InputPath !== undefined) {
    return 'Only one of Input, InputPath, or InputTransformer must be provided.';
  }
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      return 'Input is not valid JSON text.';
    }
  }
  if (target.InputPath !== undefined && !isValidInputPath(target.InputPath)) return 'InputPath is not valid.';
  const retries = target.RetryPolicy?.MaximumRetryAttempts;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0 || retries > 185)) {
    return 'RetryPolicy MaximumRetryAttempts must be between 0 and 185.';
  }
  return undefined;
}
