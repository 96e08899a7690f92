// SSM Automation execution operations: start, get, describe, describe steps, stop.
import { notFound, type StartRequest } from '../automation/engine.js';
import { type ExecutionRecord, executionShape, metadataShape, stepShape } from '../automation/execution.js';
import { AwsServiceError, validationError } from '../aws-error.js';
import { paginate } from '../pagination.js';
import type { CallContext, OperationHandler } from '../service.js';

const LIMIT = /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/;
const ERRORS = /^([1-9]*[0-9]+|[1-9][0-9]%|[0-9]%|100%)$/;
/** SSM's ClientToken "enforces the UUID format" (StartAutomationExecution API reference). */
const CLIENT_TOKEN = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

function str(input: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) {
    if (required)
      throw validationError(
        `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`,
      );
    return undefined;
  }
  if (typeof value !== 'string') throw validationError(`${key} must be a string`);
  return value;
}

function startRequest(input: Record<string, unknown>): StartRequest {
  const mode = str(input, 'Mode');
  if (mode !== undefined && mode !== 'Auto') {
    throw validationError(`Mode ${mode} is not supported by the sandbox; use Auto.`);
  }
  const targetLocations = input.TargetLocations as Array<Record<string, unknown>> | undefined;
  if (
    targetLocations !== undefined &&
    (!Array.isArray(targetLocations) || targetLocations.length === 0 || targetLocations.length > 100)
  ) {
    throw validationError('TargetLocations must hold between 1 and 100 locations.');
  }
  const clientToken = str(input, 'ClientToken');
  if (clientToken !== undefined && !CLIENT_TOKEN.test(clientToken)) {
    throw validationError(
      `1 validation error detected: Value '${clientToken}' at 'clientToken' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}',
    );
  }
  return {
    documentName: str(input, 'DocumentName', true)!,
    documentVersion: str(input, 'DocumentVersion'),
    parameters: input.Parameters as Record<string, string[]> | undefined,
    clientToken,
    tags: input.Tags as StartRequest['tags'],
    targetLocations: targetLocations?.map((location, index) => {
      const accounts = location.Accounts as string[] | undefined;
      const regions = location.Regions as string[] | undefined;
      if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > 50) {
        throw validationError(`TargetLocations[${index}].Accounts must list 1 to 50 account or OU ids.`);
      }
      if (!Array.isArray(regions) || regions.length === 0 || regions.length > 50) {
        throw validationError(`TargetLocations[${index}].Regions must list 1 to 50 regions.`);
      }
      const concurrency = (location.TargetLocationMaxConcurrency as string | undefined) ?? '1';
      const errors = (location.TargetLocationMaxErrors as string | undefined) ?? '0';
      if (!LIMIT.test(concurrency))
        throw validationError(`TargetLocationMaxConcurrency "${concurrency}" is not a number or percentage.`);
      if (!ERRORS.test(errors))
        throw validationError(`TargetLocationMaxErrors "${errors}" is not a number or percentage.`);
      return {
        Accounts: accounts,
        Regions: regions,
        ExecutionRoleName:
          (location.ExecutionRoleName as string | undefined) ?? 'AWS-SystemsManager-AutomationExecutionRole',
        TargetLocationMaxConcurrency: concurrency,
        TargetLocationMaxErrors: errors,
      };
    }),
  };
}

function visibleExecution(ctx: CallContext, id: unknown): ExecutionRecord {
  if (typeof id !== 'string' || id.length !== 36) {
    throw validationError(`AutomationExecutionId "${String(id)}" must be 36 characters long.`);
  }
  const execution = ctx.world.automation.get(ctx.principal.accountId, ctx.region, id);
  if (!execution) throw notFound(id);
  return execution;
}

const FILTER_KEYS = new Set([
  'DocumentNamePrefix',
  'ExecutionStatus',
  'ExecutionId',
  'ParentExecutionId',
  'CurrentAction',
  'StartTimeBefore',
  'StartTimeAfter',
  'AutomationType',
  'TagKey',
  'TargetResourceGroup',
  'AutomationSubtype',
  'OpsItemId',
]);

function executionFilter(filters: Array<{ Key?: string; Values?: string[] }>) {
  const checks = filters.map(({ Key, Values }) => {
    if (!Key || !FILTER_KEYS.has(Key))
      throw new AwsServiceError('InvalidFilterKey', `The filter key ${Key} is not valid.`);
    if (!Array.isArray(Values) || Values.length === 0 || Values.length > 10) {
      throw new AwsServiceError('InvalidFilterValue', `Filter ${Key} needs between 1 and 10 values.`);
    }
    const times = Values.map((value) => Date.parse(value));
    if ((Key === 'StartTimeBefore' || Key === 'StartTimeAfter') && times.some(Number.isNaN)) {
      throw new AwsServiceError('InvalidFilterValue', `Filter ${Key} needs ISO 8601 times.`);
    }
    return (execution: ExecutionRecord): boolean => {
      const shape = metadataShape(execution);
      switch (Key) {
        case 'DocumentNamePrefix':
          return Values.some((value) => execution.documentName.startsWith(value));
        case 'ExecutionStatus':
          return Values.includes(execution.status);
        case 'ExecutionId':
          return Values.includes(execution.id);
        case 'ParentExecutionId':
          return execution.parentId !== undefined && Values.includes(execution.parentId);
        case 'CurrentAction':
          return shape.CurrentAction !== undefined && Values.includes(shape.CurrentAction);
        case 'StartTimeBefore':
          return times.some((time) => execution.startTime.getTime() <= time);
        case 'StartTimeAfter':
          return times.some((time) => execution.startTime.getTime() >= time);
        case 'AutomationType':
          return Values.includes(execution.automationType);
        case 'TagKey':
          return execution.tags.some((tag) => Values.includes(tag.Key));
        default:
          return false;
      }
    };
  });
  return (execution: ExecutionRecord) => checks.every((check) => check(execution));
}

/** Narrows the candidates by id first, so filtering by ExecutionId or ParentExecutionId never scans everything. */
function candidates(
  ctx: CallContext,
  filters: Array<{ Key?: string; Values?: string[] }>,
): ExecutionRecord[] {
  const engine = ctx.world.automation;
  const { accountId } = ctx.principal;
  const byId = filters.find((filter) => filter.Key === 'ExecutionId');
  if (byId?.Values) {
    return byId.Values.map((id) => engine.get(accountId, ctx.region, id)).filter(
      (found) => found !== undefined,
    );
  }
  const byParent = filters.find((filter) => filter.Key === 'ParentExecutionId');
  if (byParent?.Values) {
    return byParent.Values.flatMap((id) => engine.childrenOf(id))
      .filter((child) => child.accountId === accountId && child.region === ctx.region)
      .reverse();
  }
  return engine.list(accountId, ctx.region);
}

/** SSM's paging: MaxResults 1..50 (default 50), tokens bound to the query. */
const pageOf = <T>(items: T[], query: unknown, input: Record<string, unknown>) =>
  paginate(items, {
    query,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
    defaultMax: 50,
    limit: { min: 1, max: 50 },
    invalidToken: () => new AwsServiceError('InvalidNextToken', 'The specified token is not valid.'),
    invalidMax: (message) => validationError(message),
  });

export const ssmAutomationOperations: Record<string, OperationHandler> = {
  StartAutomationExecution: (input, ctx) => ({
    AutomationExecutionId: ctx.world.automation.start(startRequest(input), ctx.principal, ctx.region),
  }),
  GetAutomationExecution: (input, ctx) => ({
    AutomationExecution: executionShape(
      visibleExecution(ctx, input.AutomationExecutionId),
      ctx.world.fixture.automationQuota.stepExecutionsShown,
    ),
  }),
  DescribeAutomationExecutions: (input, ctx) => {
    const filters = (input.Filters as Array<{ Key?: string; Values?: string[] }> | undefined) ?? [];
    const matching = candidates(ctx, filters).filter(executionFilter(filters));
    const page = pageOf(matching, filters, input);
    return { AutomationExecutionMetadataList: page.items.map(metadataShape), NextToken: page.nextToken };
  },
  DescribeAutomationStepExecutions: (input, ctx) => {
    const execution = visibleExecution(ctx, input.AutomationExecutionId);
    const filters = (input.Filters as Array<{ Key?: string; Values?: string[] }> | undefined) ?? [];
    const fields: Record<string, (step: ExecutionRecord['steps'][number]) => string | undefined> = {
      StepExecutionStatus: (step) => step.status,
      StepExecutionId: (step) => step.stepExecutionId,
      StepName: (step) => step.name,
      Action: (step) => step.action,
      ParentStepExecutionId: () => undefined,
      ParentStepIteration: () => undefined,
      ParentStepIteratorValue: () => undefined,
    };
    let steps = execution.steps.filter((step) =>
      filters.every(({ Key, Values }) => {
        if (Key === 'StartTimeBefore' || Key === 'StartTimeAfter') {
          const time = Date.parse(Values?.[0] ?? '');
          if (Number.isNaN(time))
            throw new AwsServiceError('InvalidFilterValue', `Filter ${Key} needs an ISO 8601 time.`);
          const started = step.startTime?.getTime() ?? Number.POSITIVE_INFINITY;
          return Key === 'StartTimeBefore' ? started <= time : started >= time;
        }
        const field = Key ? fields[Key] : undefined;
        if (!field) throw new AwsServiceError('InvalidFilterKey', `The filter key ${Key} is not valid.`);
        return (Values ?? []).includes(field(step) ?? '');
      }),
    );
    if (input.ReverseOrder === true) steps = [...steps].reverse();
    const page = pageOf(steps, [execution.id, filters, input.ReverseOrder], input);
    return { StepExecutions: page.items.map(stepShape), NextToken: page.nextToken };
  },
  StopAutomationExecution: (input, ctx) => {
    const execution = visibleExecution(ctx, input.AutomationExecutionId);
    const type = input.Type ?? 'Cancel';
    if (type !== 'Cancel' && type !== 'Complete')
      throw validationError(`Type ${String(type)} must be Cancel or Complete.`);
    ctx.world.automation.stop(ctx.principal.accountId, ctx.region, execution.id);
    return {};
  },
};
